package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.profiles.GuideExamples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SMART App Launch (standalone) as a person and an app do it: the visiting nurse of the Nerima
 * example team logs in with password and authenticator code, picks her patient, approves the app;
 * the app gets a token bound to that patient and sees her data only. Every way of cheating the
 * code grant is refused.
 */
class SmartAppLaunchIT extends FhirServerTestBase {

	private static final List<String> APP_SCOPES = List.of("launch/patient", "openid", "fhirUser", "patient/*.rs");
	private static final String NURSE = "Practitioner/oizumi-sakura";
	private static boolean teamStored;

	@Autowired
	private ClientRegistrations clients;
	@Autowired
	private UserAccounts users;
	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	private String username;
	private final String totpSecret = SmartAppFlow.newTotpSecret();

	@BeforeEach
	void nurseAndTeam() {
		if (!teamStored) {
			fhir().body(GuideExamples.teamTransaction()).post("/").then().statusCode(200);
			teamStored = true;
		}
		username = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
		users.save(new UserRegistration(username, "{noop}パスワード-pw", totpSecret, NURSE, "訪問看護師 大泉 さくら"));
	}

	private SmartAppFlow publicApp() {
		String clientId = "app-" + UUID.randomUUID();
		clients.save(new ClientRegistration(clientId, "在宅ケア記録アプリ", ClientRegistration.PUBLIC, null, null, null, null,
				APP_SCOPES, List.of(SmartAppFlow.REDIRECT_URI)));
		return new SmartAppFlow(serverUrl(), clientId);
	}

	/** Authorize, log in, reach the consent page; returns the consent page. */
	private Response upToConsent(SmartAppFlow app, String scopes) {
		Response toLogin = app.authorize(scopes, Map.of());
		assertThat(toLogin.statusCode(), equalTo(302));
		assertThat(toLogin.header("Location"), endsWith("/login"));
		Response backToAuthorize = app.logIn(username, "パスワード-pw", totpSecret);
		assertThat(backToAuthorize.statusCode(), equalTo(302));
		Response toConsent = app.follow(backToAuthorize);
		toConsent.then().statusCode(302);
		assertThat(toConsent.header("Location"), containsString("/oauth2/consent"));
		return app.follow(toConsent);
	}

	private String code(SmartAppFlow app, String patient) {
		String consent = upToConsent(app, String.join(" ", APP_SCOPES)).then().statusCode(200).extract().asString();
		Response redirect = app.approve(consent, APP_SCOPES, patient);
		assertThat(redirect.header("Location"), containsString(SmartAppFlow.REDIRECT_URI + "?code="));
		return SmartAppFlow.codeFrom(redirect);
	}

	@Test
	void theNurseLaunchesAnAppForHerPatientAndItSeesThatPatientOnly() throws Exception {
		SmartAppFlow app = publicApp();
		Response consent = upToConsent(app, String.join(" ", APP_SCOPES));
		consent.then().statusCode(200)
				.body(containsString("在宅ケア記録アプリ"))
				.body(containsString("nerima-hanako"))
				.body(containsString("練馬"));
		Response redirect = app.approve(consent.asString(), APP_SCOPES, "nerima-hanako");
		String code = SmartAppFlow.codeFrom(redirect);
		assertThat(redirect.header("Location"), containsString("state=" + app.state));

		Response token = app.exchange(code, app.verifier);
		token.then().statusCode(200)
				.body("patient", equalTo("nerima-hanako"))
				.body("need_patient_banner", equalTo(true))
				.body("refresh_token", nullValue())
				.body("id_token", notNullValue());
		String accessToken = token.jsonPath().getString("access_token");
		String idToken = token.jsonPath().getString("id_token");
		assertThat((String) SignedJWT.parse(idToken).getJWTClaimsSet().getClaim("fhirUser"), equalTo(serverUrl() + "/fhir/" + NURSE));

		String otherPatient = createPatient("谷原", "次郎", "ヤハラ", "ジロウ");
		withToken(accessToken).get("/Patient/nerima-hanako").then().statusCode(200);
		withToken(accessToken).get("/Patient/" + otherPatient).then().statusCode(403);
		withToken(accessToken).get("/CarePlan").then().statusCode(200)
				.body("entry.resource.subject.reference", everyItem(equalTo("Patient/nerima-hanako")));
		withToken(accessToken).body(patientJson("書込", "禁止", "カキコミ", "キンシ", unique())).post("/Patient").then().statusCode(403);
		// Outside the compartment: the team's directory can be read, other types (referral Tasks, which R4
		// leaves out of the Patient compartment) not with patient/ scopes.
		withToken(accessToken).get("/Practitioner/oizumi-sakura").then().statusCode(200);
		withToken(accessToken).get("/Task/nerima-hanako-referral-nursing-task").then().statusCode(403);
		// A search of the whole server cannot be limited to her: refused as the docs say, with an outcome.
		withToken(accessToken).get("?_type=Patient,Observation").then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
		withToken(accessToken).get("?_type=Patient&_count=1").then().statusCode(403);

		// The code works once; a second exchange is refused.
		app.exchange(code, app.verifier).then().statusCode(400).body("error", equalTo("invalid_grant"));
	}

	@Test
	void aScopeUntickedNowIsNotGrantedBecauseItWasApprovedBefore() {
		SmartAppFlow app = publicApp();
		app.exchange(code(app, "nerima-hanako"), app.verifier).then().statusCode(200)
				.body("scope", containsString("patient/*.rs"));

		// Later, in the same browser session, the nurse approves the app again but unticks its data scope.
		Response toConsent = app.authorize(String.join(" ", APP_SCOPES), Map.of());
		assertThat(toConsent.header("Location"), containsString("/oauth2/consent"));
		String consent = app.follow(toConsent).then().statusCode(200).extract().asString();
		Response redirect = app.approve(consent, List.of("launch/patient", "openid", "fhirUser"), "nerima-hanako");
		Response token = app.exchange(SmartAppFlow.codeFrom(redirect), app.verifier);
		token.then().statusCode(200).body("scope", not(containsString("patient/")));
		withToken(token.jsonPath().getString("access_token")).get("/Patient/nerima-hanako").then().statusCode(403);
	}

	@Test
	void aWrongPkceVerifierIsRefused() {
		SmartAppFlow app = publicApp();
		String code = code(app, "nerima-hanako");
		app.exchange(code, SmartAppFlow.randomString(48)).then().statusCode(400).body("error", equalTo("invalid_grant"));
	}

	@Test
	void aPlainPkceChallengeIsRefused() {
		SmartAppFlow app = publicApp();
		Response answer = app.authorize(String.join(" ", APP_SCOPES), Map.of("code_challenge_method", "plain", "code_challenge", app.verifier));
		assertThat(answer.statusCode(), equalTo(302));
		assertThat(answer.header("Location"), containsString("error=invalid_request"));
	}

	@Test
	void anAuthorizationForAnotherFhirServerIsRefused() {
		SmartAppFlow app = publicApp();
		Response answer = app.authorize(String.join(" ", APP_SCOPES), Map.of("aud", "https://other-fhir.example.jp/fhir"));
		assertThat(answer.header("Location"), containsString(SmartAppFlow.REDIRECT_URI));
		assertThat(answer.header("Location"), containsString("error=invalid_request"));
	}

	@Test
	void aScopeBeyondTheAppsRegistrationIsRefused() {
		SmartAppFlow app = publicApp();
		Response answer = app.authorize("launch/patient patient/*.cruds", Map.of());
		assertThat(answer.header("Location"), containsString("error=invalid_scope"));
	}

	@Test
	void aWrongAuthenticatorCodeDoesNotLogIn() {
		SmartAppFlow app = publicApp();
		app.authorize(String.join(" ", APP_SCOPES), Map.of());
		Response failed = app.logIn(username, "パスワード-pw", SmartAppFlow.newTotpSecret());
		assertThat(failed.header("Location"), containsString("/login?error"));
		Response wrongPassword = app.logIn(username, "wrong", totpSecret);
		assertThat(wrongPassword.header("Location"), containsString("/login?error"));
	}

	@Test
	void aPatientOutsideTheNursesTeamsCannotBePicked() {
		String stranger = createPatient("関町", "北子", "セキマチ", "キタコ");
		SmartAppFlow app = publicApp();
		String consent = upToConsent(app, String.join(" ", APP_SCOPES)).then().statusCode(200)
				.body(not(containsString(stranger))).extract().asString();
		Response refused = app.approve(consent, APP_SCOPES, stranger);
		assertThat(refused.header("Location"), containsString("error=access_denied"));
	}

	@Test
	void aConfidentialAppRefreshesItsTokenButCannotWidenIt() {
		List<String> scopes = OFFLINE_APP_SCOPES;
		SmartAppFlow app = confidentialOfflineApp();
		String consent = upToConsent(app, String.join(" ", scopes)).then().statusCode(200).extract().asString();
		String code = SmartAppFlow.codeFrom(app.approve(consent, scopes, "nerima-hanako"));
		Response token = app.exchangeWithSecret(code, "app-secret");
		token.then().statusCode(200).body("refresh_token", notNullValue()).body("patient", equalTo("nerima-hanako"));
		String refreshToken = token.jsonPath().getString("refresh_token");

		app.refresh(refreshToken, "app-secret", "patient/*.cruds").then().statusCode(400).body("error", equalTo("invalid_scope"));
		Response refreshed = app.refresh(refreshToken, "app-secret", null);
		refreshed.then().statusCode(200).body("patient", equalTo("nerima-hanako"));
		withToken(refreshed.jsonPath().getString("access_token")).get("/Patient/nerima-hanako").then().statusCode(200);
		// The token the refresh replaced no longer works.
		withToken(token.jsonPath().getString("access_token")).get("/Patient/nerima-hanako").then().statusCode(401);

		// The nurse leaves the station and her account is disabled: the app's refresh token stops working.
		jdbc.update("UPDATE zaitaku_user SET enabled = false WHERE username = ?", username);
		app.refresh(refreshed.jsonPath().getString("refresh_token"), "app-secret", null)
				.then().statusCode(400).body("error", equalTo("invalid_grant"));
	}

	@Test
	void aRefreshEndsWhenThePersonLeavesThePatientsCareTeam() {
		String patient = createPatient("石神井", "和子", "シャクジイ", "カズコ");
		String office = created(fhir().body("{\"resourceType\":\"Organization\",\"name\":\"石神井ケアプランセンター\"}").post("/Organization"));
		String coordinator = created(fhir().body("{\"resourceType\":\"Practitioner\",\"name\":[{\"text\":\"石神井 京子\"}]}")
				.post("/Practitioner"));
		String team = created(fhir().body(homeTeam(null, patient, office, coordinator, true)).post("/CareTeam"));
		List<String> scopes = OFFLINE_APP_SCOPES;
		SmartAppFlow app = confidentialOfflineApp();
		String consent = upToConsent(app, String.join(" ", scopes)).then().statusCode(200).extract().asString();
		Response token = app.exchangeWithSecret(SmartAppFlow.codeFrom(app.approve(consent, scopes, patient)), "app-secret");
		token.then().statusCode(200).body("patient", equalTo(patient));
		Response refreshed = app.refresh(token.jsonPath().getString("refresh_token"), "app-secret", null);
		refreshed.then().statusCode(200).body("patient", equalTo(patient));

		// The nurse hands the patient over to another station: she leaves the team.
		fhir().body(homeTeam(team, patient, office, coordinator, false)).put("/CareTeam/" + team).then().statusCode(200);
		app.refresh(refreshed.jsonPath().getString("refresh_token"), "app-secret", null)
				.then().statusCode(400).body("error", equalTo("invalid_grant"));
	}

	private static final List<String> OFFLINE_APP_SCOPES = List.of("launch/patient", "openid", "fhirUser", "patient/*.rs",
			"offline_access");

	/** A confidential app (secret {@code app-secret}) registered for patient data and refresh tokens. */
	private SmartAppFlow confidentialOfflineApp() {
		String clientId = "confidential-" + UUID.randomUUID();
		clients.save(new ClientRegistration(clientId, "訪問看護記録システム", ClientRegistration.CLIENT_SECRET_BASIC,
				"{noop}app-secret", null, null, null, OFFLINE_APP_SCOPES, List.of(SmartAppFlow.REDIRECT_URI)));
		return new SmartAppFlow(serverUrl(), clientId);
	}

	private static String homeTeam(String id, String patient, String office, String coordinator, boolean withNurse) {
		String nurse = withNurse ? """
				,{"role":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role","code":"visiting-nurse"}]}],
				  "member":{"reference":"%s"}}""".formatted(NURSE) : "";
		return """
				{"resourceType":"CareTeam",%s"status":"active",
				 "category":[{"coding":[{"system":"http://loinc.org","code":"LA28865-6"}]}],
				 "name":"在宅チーム","subject":{"reference":"Patient/%s"},
				 "managingOrganization":[{"reference":"Organization/%s"}],
				 "participant":[{"role":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role","code":"coordinator"}]}],
				   "member":{"reference":"Practitioner/%s"}}%s]}""".formatted(id == null ? "" : "\"id\":\"" + id + "\",", patient, office,
				coordinator, nurse);
	}

	private static io.restassured.specification.RequestSpecification withToken(String token) {
		return anonymous().header("Authorization", "Bearer " + token);
	}

	/** The EHR (a backend client that may read patients) registers a launch of the app {@code clientId} for a patient. */
	private String ehrLaunch(String patientId, String clientId) {
		return ehrLaunch(patientId, clientId, "");
	}

	/** {@code moreParameters}: further Parameters entries, each followed by a comma. */
	private String ehrLaunch(String patientId, String clientId, String moreParameters) {
		return launchRequest(patientId, """
				{"resourceType":"Parameters","parameter":[%s
				 {"name":"client_id","valueString":"%s"}]}""".formatted(moreParameters, clientId))
				.then().statusCode(200).extract().path("parameter.find { it.name == 'launch' }.valueString");
	}

	private Response launchRequest(String patientId, String parameters) {
		BackendClient ehr = BackendClient.es384("ehr-" + UUID.randomUUID());
		clients.save(ehr.registration(List.of("system/Patient.rs")));
		String ehrToken = ehr.token(serverUrl(), "system/Patient.rs");
		return withToken(ehrToken).body(parameters).post("/Patient/" + patientId + "/$smart-launch");
	}

	private SmartAppFlow ehrApp() {
		String clientId = "ehr-app-" + UUID.randomUUID();
		clients.save(new ClientRegistration(clientId, "退院支援アプリ", ClientRegistration.PUBLIC, null, null, null, null,
				List.of("launch", "openid", "fhirUser", "patient/*.rs"), List.of(SmartAppFlow.REDIRECT_URI)));
		return new SmartAppFlow(serverUrl(), clientId);
	}

	private static final String EHR_SCOPES = "launch openid fhirUser patient/*.rs";

	@Test
	void anEhrLaunchBindsTheAppToThePatientAndEncounterTheEhrChose() {
		SmartAppFlow app = ehrApp();
		String launch = ehrLaunch("nerima-hanako", app.clientId,
				"{\"name\":\"encounter\",\"valueReference\":{\"reference\":\"Encounter/nerima-hanako-nursing-visit\"}},");
		app.authorize(EHR_SCOPES, Map.of("launch", launch)).then().statusCode(302);
		Response backToAuthorize = app.logIn(username, "パスワード-pw", totpSecret);
		Response toConsent = app.follow(backToAuthorize);
		String consent = app.follow(toConsent).then().statusCode(200).extract().asString();
		assertThat(consent, not(containsString("name=\"patient\"")));
		String code = SmartAppFlow.codeFrom(app.approve(consent, List.of("launch", "openid", "fhirUser", "patient/*.rs"), null));
		app.exchange(code, app.verifier).then().statusCode(200)
				.body("patient", equalTo("nerima-hanako"))
				.body("encounter", equalTo("nerima-hanako-nursing-visit"));

		// The launch id is used up.
		Response again = app.authorize(EHR_SCOPES, Map.of("launch", launch));
		assertThat(again.header("Location"), containsString("error=invalid_request"));
	}

	@Test
	void aLaunchIdWorksOnlyForTheAppTheEhrLaunched() {
		SmartAppFlow meant = ehrApp();
		String launch = ehrLaunch("nerima-hanako", meant.clientId);
		// Another registered app that got hold of the id (a browser history, a log) is refused before login.
		Response other = ehrApp().authorize(EHR_SCOPES, Map.of("launch", launch));
		assertThat(other.header("Location"), containsString("error=invalid_request"));
		// The app the EHR meant still can use it.
		meant.authorize(EHR_SCOPES, Map.of("launch", launch)).then().statusCode(302);
		String consent = meant.follow(meant.follow(meant.logIn(username, "パスワード-pw", totpSecret))).then().statusCode(200)
				.extract().asString();
		String code = SmartAppFlow.codeFrom(meant.approve(consent, List.of("launch", "openid", "fhirUser", "patient/*.rs"), null));
		meant.exchange(code, meant.verifier).then().statusCode(200).body("patient", equalTo("nerima-hanako"));
	}

	@Test
	void aLaunchMustNameARegisteredAppThatMayBeLaunched() {
		launchRequest("nerima-hanako", "{\"resourceType\":\"Parameters\"}").then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("client_id"));
		launchRequest("nerima-hanako", """
				{"resourceType":"Parameters","parameter":[{"name":"client_id","valueString":"no-such-app"}]}""")
				.then().statusCode(400).body("issue[0].diagnostics", containsString("no-such-app"));
		// A client_id of the wrong type, twice, or blank: a 400 too.
		for (String wrong : List.of("{\"name\":\"client_id\",\"valueInteger\":5}",
				"{\"name\":\"client_id\",\"valueString\":\"a\"},{\"name\":\"client_id\",\"valueString\":\"b\"}",
				"{\"name\":\"client_id\",\"valueString\":\" \"}")) {
			launchRequest("nerima-hanako", "{\"resourceType\":\"Parameters\",\"parameter\":[" + wrong + "]}")
					.then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
		}
		// A backend client is not an app an EHR launches.
		BackendClient backend = BackendClient.es384("not-an-app-" + UUID.randomUUID());
		clients.save(backend.registration(List.of("system/Patient.rs")));
		launchRequest("nerima-hanako", """
				{"resourceType":"Parameters","parameter":[{"name":"client_id","valueString":"%s"}]}""".formatted(backend.clientId()))
				.then().statusCode(400).body("issue[0].diagnostics", containsString("scope launch"));
	}

	@Test
	void anUnknownLaunchOrALaunchScopeWithoutOneIsRefused() {
		assertThat(ehrApp().authorize(EHR_SCOPES, Map.of("launch", "no-such-launch")).header("Location"),
				containsString("error=invalid_request"));
		assertThat(ehrApp().authorize(EHR_SCOPES, Map.of()).header("Location"), containsString("error=invalid_request"));
	}

	@Test
	void anEhrLaunchForAPatientOutsideTheNursesTeamsIsRefusedAtConsent() {
		String stranger = createPatient("大泉学園", "町子", "オオイズミガクエン", "マチコ");
		SmartAppFlow app = ehrApp();
		String launch = ehrLaunch(stranger, app.clientId);
		app.authorize(EHR_SCOPES, Map.of("launch", launch));
		String consent = app.follow(app.follow(app.logIn(username, "パスワード-pw", totpSecret))).then().statusCode(200)
				.extract().asString();
		Response refused = app.approve(consent, List.of("launch", "openid", "fhirUser", "patient/*.rs"), null);
		assertThat(refused.header("Location"), containsString("error=access_denied"));
	}

	@Test
	void aPatientBoundTokenCannotWriteIntoAnotherPatientsRecordThroughItsOwnPatient() {
		String clientId = "writer-app-" + UUID.randomUUID();
		List<String> scopes = List.of("launch/patient", "openid", "patient/*.cruds");
		clients.save(new ClientRegistration(clientId, "在宅記録入力アプリ", ClientRegistration.PUBLIC, null, null, null, null,
				scopes, List.of(SmartAppFlow.REDIRECT_URI)));
		SmartAppFlow app = new SmartAppFlow(serverUrl(), clientId);
		String consent = upToConsent(app, String.join(" ", scopes)).then().statusCode(200).extract().asString();
		String token = app.exchange(SmartAppFlow.codeFrom(app.approve(consent, scopes, "nerima-hanako")), app.verifier)
				.then().statusCode(200).extract().path("access_token");
		String other = createPatient("東大泉", "二郎", "ヒガシオオイズミ", "ジロウ");

		// In the compartment of nerima-hanako only through performer, but about another patient: refused.
		withToken(token).body("""
				{"resourceType":"Observation","status":"final","code":{"text":"体温"},"valueQuantity":{"value":36.5,"unit":"℃"},
				 "subject":{"reference":"Patient/%s"},"performer":[{"reference":"Patient/nerima-hanako"}]}""".formatted(other))
				.post("/Observation").then().statusCode(403);
		// About her own patient: stored.
		withToken(token).body("""
				{"resourceType":"Observation","status":"final","code":{"text":"体温"},"valueQuantity":{"value":36.5,"unit":"℃"},
				 "subject":{"reference":"Patient/nerima-hanako"}}""").post("/Observation").then().statusCode(201);
	}
}
