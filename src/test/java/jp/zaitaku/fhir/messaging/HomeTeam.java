package jp.zaitaku.fhir.messaging;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.security.authorization.ClientRegistration;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.authorization.SmartAppFlow;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;

/**
 * A Nerima patient at home and her team, new for each test class that asks: the care manager
 * 石神井 京子 as coordinator (her PractitionerRole at the care office), the visiting nurse 大泉 さくら,
 * the home doctor 豊玉 一郎, the regular pharmacy ひかりが丘薬局 (an Organization; its pharmacist 光が丘 誠
 * through his role), the helper 春日 和子, and her son 練馬 一郎 (family); plus a doctor on no team. Each
 * person signs in with the SMART app flow and holds a user token.
 */
final class HomeTeam {

	static final String CATEGORY = "https://zaitaku-fhir.github.io/ig/CodeSystem/message-category";
	private static final List<String> USER_SCOPES = List.of("openid", "fhirUser", "user/*.cruds");
	private static final String PASSWORD = "在宅-パスワード";

	final String patient, team, careOffice, pharmacy;
	final String caremanager, caremanagerRole, nurse, doctor, pharmacist, pharmacistRole, helper, son, outsider;
	final String caremanagerToken, nurseToken, doctorToken, pharmacistToken, helperToken, sonToken, outsiderToken;

	private final String suiteToken;

	/** Stores the team with the suite's unrestricted token; signs everyone in. */
	HomeTeam(String serverUrl, String suiteToken, ClientRegistrations clients, UserAccounts users) {
		this.suiteToken = suiteToken;
		careOffice = create("Organization", """
				{"resourceType":"Organization","name":"石神井ケアプランセンター"}""");
		pharmacy = create("Organization", """
				{"resourceType":"Organization","name":"ひかりが丘薬局"}""");
		caremanager = practitioner("石神井", "京子", "シャクジイ", "キョウコ");
		nurse = practitioner("大泉", "さくら", "オオイズミ", "サクラ");
		doctor = practitioner("豊玉", "一郎", "トヨタマ", "イチロウ");
		pharmacist = practitioner("光が丘", "誠", "ヒカリガオカ", "マコト");
		helper = practitioner("春日", "和子", "カスガ", "カズコ");
		outsider = practitioner("当直", "太郎", "トウチョク", "タロウ");
		caremanagerRole = role(caremanager, careOffice,
				"{\"system\":\"https://zaitaku-fhir.github.io/ig/CodeSystem/profession\",\"code\":\"care-manager\"}");
		pharmacistRole = role(pharmacist, pharmacy, "{\"system\":\"http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS\",\"code\":\"JPR30000\"}");
		patient = FhirServerTestBase.created(fhir().body(patientJson()).post("/Patient"));
		son = create("RelatedPerson", """
				{"resourceType":"RelatedPerson","active":true,"patient":{"reference":"Patient/%s"},
				 "relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"SON"}]}],
				 "name":[{"text":"練馬 一郎","family":"練馬","given":["一郎"]}]}""".formatted(patient));
		team = create("CareTeam", """
				{"resourceType":"CareTeam","status":"active",
				 "category":[{"coding":[{"system":"http://loinc.org","code":"LA28865-6"}]}],
				 "name":"練馬 花子さんの在宅チーム","subject":{"reference":"Patient/%s"},
				 "managingOrganization":[{"reference":"Organization/%s"}],
				 "participant":[%s,%s,%s,%s,%s,%s]}""".formatted(patient, careOffice,
						member("coordinator", "PractitionerRole/" + caremanagerRole),
						member("visiting-nurse", "Practitioner/" + nurse),
						member("primary-home-physician", "Practitioner/" + doctor),
						member("regular-pharmacist", "Organization/" + pharmacy),
						member("home-helper", "Practitioner/" + helper),
						member("family-caregiver", "RelatedPerson/" + son)));

		String app = "messaging-test-app-" + FhirServerTestBase.unique();
		clients.save(new ClientRegistration(app, "在宅チームアプリ", "none", null, null, null, null, USER_SCOPES,
				List.of(SmartAppFlow.REDIRECT_URI), null));
		caremanagerToken = signIn(serverUrl, users, app, "Practitioner/" + caremanager);
		nurseToken = signIn(serverUrl, users, app, "Practitioner/" + nurse);
		doctorToken = signIn(serverUrl, users, app, "Practitioner/" + doctor);
		pharmacistToken = signIn(serverUrl, users, app, "Practitioner/" + pharmacist);
		helperToken = signIn(serverUrl, users, app, "Practitioner/" + helper);
		sonToken = signIn(serverUrl, users, app, "RelatedPerson/" + son);
		outsiderToken = signIn(serverUrl, users, app, "Practitioner/" + outsider);
	}

	/** A team message from {@code sender} to {@code recipients}, of a category and priority, in a new thread. */
	String message(String senderToken, String sender, String category, String priority, String text, String... recipients) {
		StringBuilder to = new StringBuilder();
		for (String recipient : recipients) {
			to.append(to.isEmpty() ? "" : ",").append("{\"reference\":\"").append(recipient).append("\"}");
		}
		return FhirServerTestBase.created(as(senderToken).body("""
				{"resourceType":"Communication","status":"completed",
				 "extension":[{"url":"https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread",
				   "valueIdentifier":{"system":"https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread","value":"urn:uuid:%s"}}],
				 "category":[{"coding":[{"system":"%s","code":"%s"}]}],
				 "priority":"%s",
				 "subject":{"reference":"Patient/%s"},
				 "topic":{"text":"%s"},
				 "sent":"2026-12-08T21:40:00+09:00",
				 "sender":{"reference":"%s"},
				 "recipient":[%s],
				 "payload":[{"contentString":"%s"}]}""".formatted(FhirServerTestBase.unique(), CATEGORY, category, priority, patient,
						text.length() > 12 ? text.substring(0, 12) : text, sender, to, text)).post("/Communication"));
	}

	static RequestSpecification as(String token) {
		return given().accept("application/fhir+json").contentType("application/fhir+json; charset=UTF-8").header("Authorization", "Bearer " + token);
	}

	private RequestSpecification fhir() {
		return as(suiteToken);
	}

	private String create(String type, String json) {
		return FhirServerTestBase.created(fhir().body(json).post("/" + type));
	}

	private String patientJson() {
		return """
				{"resourceType":"Patient","identifier":[{"system":"urn:zaitaku:test","value":"%s"}],
				 "name":[{"use":"official","text":"練馬 花子","family":"練馬","given":["花子"]}],
				 "gender":"female","birthDate":"1938-04-01",
				 "address":[{"text":"東京都練馬区豊玉北6-12-1","city":"練馬区","state":"東京都"}]}""".formatted(FhirServerTestBase.unique());
	}

	private String practitioner(String family, String given, String familyKana, String givenKana) {
		return create("Practitioner", """
				{"resourceType":"Practitioner","name":[{"text":"%s %s","family":"%s","given":["%s"]},
				  {"text":"%s %s","family":"%s","given":["%s"],
				   "extension":[{"url":"http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation","valueCode":"SYL"}]}]}"""
				.formatted(family, given, family, given, familyKana, givenKana, familyKana, givenKana));
	}

	private String role(String practitioner, String organization, String code) {
		return create("PractitionerRole", """
				{"resourceType":"PractitionerRole","active":true,"practitioner":{"reference":"Practitioner/%s"},
				 "organization":{"reference":"Organization/%s"},
				 "code":[{"coding":[%s]}]}""".formatted(practitioner, organization, code));
	}

	private static String member(String role, String reference) {
		return """
				{"role":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role","code":"%s"}]}],
				 "member":{"reference":"%s"}}""".formatted(role, reference);
	}

	private static String signIn(String serverUrl, UserAccounts users, String app, String fhirUser) {
		String username = "m-" + FhirServerTestBase.unique().substring(0, 12);
		String totp = SmartAppFlow.newTotpSecret();
		users.save(new UserRegistration(username, "{noop}" + PASSWORD, totp, fhirUser, fhirUser, null));
		return new SmartAppFlow(serverUrl, app).userToken(username, PASSWORD, totp, USER_SCOPES);
	}
}
