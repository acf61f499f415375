package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.security.authorization.BackendClient;
import jp.zaitaku.fhir.security.authorization.ClientRegistration;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.authorization.SmartAppFlow;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;
import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two home-care patients and their teams, stored once for the access tests, and a token for each
 * person who signs in:
 * <ul>
 *   <li>練馬 花子 (A): coordinator ケアマネ 石神井, visiting nurse 大泉 (directly), the pharmacy
 *       ひかりが丘薬局 as an organisation (its pharmacist 光が丘 through his PractitionerRole), and her
 *       son 練馬 一郎 (RelatedPerson, family caregiver);
 *   <li>谷原 次郎 (B): coordinator Dr 豊玉 only, and the nursing station 谷原訪問看護 (an organisation,
 *       whose backend client therefore reaches B and not A); B's daughter is on no team.
 * </ul>
 * An outsider doctor on no team, and an administrator, also sign in.
 */
abstract class CareTeamAccessTestBase extends FhirServerTestBase {

	static final String CATEGORY = "https://zaitaku-fhir.github.io/ig/CodeSystem/message-category";
	static final List<String> USER_SCOPES = List.of("openid", "fhirUser", "user/*.cruds");
	private static final String PASSWORD = "在宅-パスワード";

	static boolean stored;
	static String patientA, patientB;
	static String nurse, caremanager, pharmacist, doctorB, outsider, adminPerson;
	static String pharmacy, nursingStationB, careOffice;
	static String familyA, familyB;
	static String teamA, teamB;
	static String observationA, observationB, observationBIdentifier, messageA, staffOnlyMessageA, messageB, taskA, taskB;
	static String documentB, binaryB, documentA, binaryA;
	static String nurseToken, caremanagerToken, pharmacistToken, doctorBToken, outsiderToken, familyAToken, adminToken;
	static String stationBToken;
	static String appId;

	@Autowired
	private UserAccounts users;
	@Autowired
	private ClientRegistrations clients;

	@BeforeEach
	void storeTheTwoTeamsOnce() {
		if (stored) {
			return;
		}
		careOffice = create("Organization", """
				{"resourceType":"Organization","name":"石神井ケアプランセンター"}""");
		pharmacy = create("Organization", """
				{"resourceType":"Organization","name":"ひかりが丘薬局"}""");
		nursingStationB = create("Organization", """
				{"resourceType":"Organization","name":"谷原訪問看護ステーション"}""");
		nurse = practitioner("大泉", "さくら", "オオイズミ", "サクラ");
		caremanager = practitioner("石神井", "京子", "シャクジイ", "キョウコ");
		pharmacist = practitioner("光が丘", "誠", "ヒカリガオカ", "マコト");
		doctorB = practitioner("豊玉", "一郎", "トヨタマ", "イチロウ");
		outsider = practitioner("当直", "太郎", "トウチョク", "タロウ");
		adminPerson = practitioner("管理", "者", "カンリ", "シャ");
		create("PractitionerRole", """
				{"resourceType":"PractitionerRole","active":true,"practitioner":{"reference":"Practitioner/%s"},
				 "organization":{"reference":"Organization/%s"},
				 "code":[{"coding":[{"system":"http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS","code":"JPR30000"}]}]}""".formatted(pharmacist, pharmacy));

		patientA = createPatient("練馬", "花子", "ネリマ", "ハナコ");
		patientB = createPatient("谷原", "次郎", "ヤハラ", "ジロウ");
		familyA = create("RelatedPerson", """
				{"resourceType":"RelatedPerson","active":true,"patient":{"reference":"Patient/%s"},
				 "relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"SON"}]}],
				 "name":[{"text":"練馬 一郎","family":"練馬","given":["一郎"]}]}""".formatted(patientA));
		familyB = create("RelatedPerson", """
				{"resourceType":"RelatedPerson","active":true,"patient":{"reference":"Patient/%s"},
				 "relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"WIFE"}]}],
				 "name":[{"text":"谷原 和子","family":"谷原","given":["和子"]}]}""".formatted(patientB));
		teamA = create("CareTeam", careTeam(patientA, "Practitioner/" + caremanager, List.of(
				member("visiting-nurse", "Practitioner/" + nurse),
				member("regular-pharmacist", "Organization/" + pharmacy),
				member("family-caregiver", "RelatedPerson/" + familyA))));
		teamB = create("CareTeam", careTeam(patientB, "Practitioner/" + doctorB, List.of(
				member("visiting-nurse", "Organization/" + nursingStationB))));

		observationA = create("Observation", observation(patientA, "体温 36.8℃ 嚥下は良好", unique()));
		observationBIdentifier = unique();
		observationB = create("Observation", observation(patientB, "嚥下障害が進行、むせ込みあり", observationBIdentifier));
		messageA = create("Communication", message(patientA, "report", "訪問時、花子さんは穏やかに過ごされていました"));
		staffOnlyMessageA = create("Communication", message(patientA, "instruction", "点滴の指示を変更します（医師指示）"));
		messageB = create("Communication", message(patientB, "report", "次郎さん、夜間に嚥下困難あり"));
		taskA = create("Task", task(patientA, "訪問歯科の依頼（花子）"));
		taskB = create("Task", task(patientB, "訪問歯科の依頼（次郎）"));
		documentA = create("DocumentReference", document(patientA));
		documentB = create("DocumentReference", document(patientB));
		binaryA = create("Binary", binary(documentA));
		binaryB = create("Binary", binary(documentB));

		appId = "access-test-app-" + unique();
		clients.save(new ClientRegistration(appId, "在宅チームアプリ", "none", null, null, null, null, USER_SCOPES,
				List.of(SmartAppFlow.REDIRECT_URI), null));
		nurseToken = signIn(appId, "Practitioner/" + nurse, null);
		caremanagerToken = signIn(appId, "Practitioner/" + caremanager, null);
		pharmacistToken = signIn(appId, "Practitioner/" + pharmacist, null);
		doctorBToken = signIn(appId, "Practitioner/" + doctorB, null);
		outsiderToken = signIn(appId, "Practitioner/" + outsider, null);
		familyAToken = signIn(appId, "RelatedPerson/" + familyA, null);
		adminToken = signIn(appId, "Practitioner/" + adminPerson, UserRegistration.ADMINISTRATOR);

		BackendClient stationB = BackendClient.es384("station-b-" + unique());
		ClientRegistration plain = stationB.registration(List.of("system/*.cruds"));
		clients.save(new ClientRegistration(plain.clientId(), plain.clientName(), plain.authentication(), null, null, plain.jwks(),
				plain.signingAlgorithm(), plain.scopes(), null, "Organization/" + nursingStationB));
		stationBToken = stationB.token(serverUrl(), "system/*.cruds");
		AGENT_OF_TOKEN.put(stationBToken, "agent:identifier=" + plain.clientId());
		stored = true;
	}

	String signIn(String appId, String fhirUser, String role) {
		String username = "u-" + unique().substring(0, 12);
		String totp = SmartAppFlow.newTotpSecret();
		users.save(new UserRegistration(username, "{noop}" + PASSWORD, totp, fhirUser, fhirUser, role));
		String token = new SmartAppFlow(serverUrl(), appId).userToken(username, PASSWORD, totp, USER_SCOPES);
		AGENT_OF_TOKEN.put(token, "agent=" + fhirUser);
		return token;
	}

	/** Who each token is, as the audit trail names them: {@code agent=Practitioner/1} or {@code agent:identifier=client}. */
	static final java.util.Map<String, String> AGENT_OF_TOKEN = new java.util.concurrent.ConcurrentHashMap<>();
	static String lastToken;

	/** A FHIR request with a person's (or client's) token. */
	static RequestSpecification as(String token) {
		lastToken = token;
		return given().accept(FHIR_JSON).contentType(FHIR_JSON + "; charset=UTF-8").header("Authorization", "Bearer " + token);
	}

	/**
	 * The caller's latest refused request left an AuditEvent: outcome 4 (minor failure) with the
	 * given HTTP status in its description. Read with the suite's unrestricted token.
	 */
	static void refusalAudited(String token, int status) {
		String agent = AGENT_OF_TOKEN.get(token);
		Response events = fhir().get("/AuditEvent?" + agent + "&outcome=4&_count=1");
		events.then().statusCode(200);
		String description = events.jsonPath().getString("entry[0].resource.outcomeDesc");
		org.hamcrest.MatcherAssert.assertThat("the refusal of " + agent + " is in the audit trail", description,
				org.hamcrest.Matchers.containsString(String.valueOf(status)));
		java.time.Instant recorded = java.time.Instant.parse(
				java.time.OffsetDateTime.parse(events.jsonPath().getString("entry[0].resource.recorded")).toInstant().toString());
		org.hamcrest.MatcherAssert.assertThat(recorded.isAfter(java.time.Instant.now().minusSeconds(30)), org.hamcrest.Matchers.equalTo(true));
	}

	static String create(String type, String json) {
		return created(fhir().body(json).post("/" + type));
	}

	private static String practitioner(String family, String given, String familyKana, String givenKana) {
		return create("Practitioner", """
				{"resourceType":"Practitioner","name":[
				  {"text":"%s %s","family":"%s","given":["%s"],"extension":[{"url":"%s","valueCode":"IDE"}]},
				  {"text":"%s %s","family":"%s","given":["%s"],"extension":[{"url":"%s","valueCode":"SYL"}]}]}"""
				.formatted(family, given, family, given, KANA_EXTENSION, familyKana, givenKana, familyKana, givenKana, KANA_EXTENSION));
	}

	static String member(String role, String reference) {
		return """
				{"role":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role","code":"%s"}]}],
				 "member":{"reference":"%s"}}""".formatted(role, reference);
	}

	/** A team as the home-care profile wants it: category, subject, managing organisation, one coordinator. */
	static String careTeam(String patient, String coordinator, List<String> members) {
		StringBuilder participants = new StringBuilder(member("coordinator", coordinator));
		members.forEach(m -> participants.append(",").append(m));
		return """
				{"resourceType":"CareTeam","status":"active",
				 "category":[{"coding":[{"system":"http://loinc.org","code":"LA28865-6"}]}],
				 "name":"在宅チーム","subject":{"reference":"Patient/%s"},
				 "managingOrganization":[{"reference":"Organization/%s"}],
				 "participant":[%s]}""".formatted(patient, careOffice, participants);
	}

	static String observation(String patient, String text, String identifier) {
		return """
				{"resourceType":"Observation","status":"final",
				 "identifier":[{"system":"urn:zaitaku:test","value":"%s"}],
				 "code":{"text":"訪問時の観察"},"subject":{"reference":"Patient/%s"},
				 "valueString":"%s"}""".formatted(identifier, patient, text);
	}

	/** A team message in the home-care profile, of the given message category. */
	static String message(String patient, String category, String text) {
		return communicationJson(patient, text).replace("\"code\":\"report\",\"display\":\"報告\"", "\"code\":\"" + category + "\"");
	}

	/** A referral (ServiceRequest) of the care office for the patient, and its Task, as the guide wants them. */
	static String task(String patient, String text) {
		String referral = create("ServiceRequest", """
				{"resourceType":"ServiceRequest","status":"active","intent":"order",
				 "code":{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/referral-type","code":"home-dental"}]},
				 "subject":{"reference":"Patient/%s"},"requester":{"reference":"Organization/%s"}}""".formatted(patient, careOffice));
		return """
				{"resourceType":"Task","status":"requested","intent":"order","description":"%s",
				 "focus":{"reference":"ServiceRequest/%s"},"for":{"reference":"Patient/%s"},
				 "requester":{"reference":"Organization/%s"}}""".formatted(text, referral, patient, careOffice);
	}

	static String document(String patient) {
		return """
				{"resourceType":"DocumentReference","status":"current","subject":{"reference":"Patient/%s"},
				 "description":"退院時サマリー","content":[{"attachment":{"contentType":"text/plain","title":"退院時サマリー"}}]}"""
				.formatted(patient);
	}

	static String binary(String document) {
		return """
				{"resourceType":"Binary","contentType":"text/plain","securityContext":{"reference":"DocumentReference/%s"},
				 "data":"6YCA6Zmi5pmC44K144Oe44Oq44O8"}""".formatted(document);
	}
}
