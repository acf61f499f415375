package jp.zaitaku.fhir.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.security.authorization.BackendClient;
import jp.zaitaku.fhir.security.authorization.ClientRegistration;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.authorization.SmartAppFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator's administration over HTTP, with an admin client's token: clients, people and their
 * tokens managed without a restart, signing keys rotated without breaking live tokens, and every call
 * in the audit trail.
 */
class AdminApiIT extends FhirServerTestBase {

	private static String adminToken;
	private static String adminClientId;

	@Autowired
	private ClientRegistrations clients;

	@BeforeEach
	void anAdminClient() {
		if (adminToken == null) {
			BackendClient admin = BackendClient.es384("admin-" + UUID.randomUUID());
			clients.save(admin.registration(List.of(AdminApiSecurity.SCOPE)));
			adminClientId = admin.clientId();
			adminToken = admin.token(serverUrl(), AdminApiSecurity.SCOPE);
		}
	}

	@Test
	void onlyATokenWithTheAdminScopeIsServed() {
		given().baseUri(serverUrl()).basePath("").get("/admin/clients").then().statusCode(401);
		given().baseUri(serverUrl()).basePath("").header("Authorization", "Bearer " + accessToken()).get("/admin/clients").then().statusCode(403);
		admin().get("/admin/clients").then().statusCode(200).body("clientId", hasItem(adminClientId));
		// The admin token opens no patient data.
		given().baseUri(serverUrl()).basePath("").header("Authorization", "Bearer " + adminToken).get("/fhir/Patient").then().statusCode(403);
	}

	@Test
	void aClientIsRegisteredDisabledAndRemovedWithoutARestart() {
		String clientId = "ehr-nerima-" + UUID.randomUUID().toString().substring(0, 8);
		admin().contentType("application/json").body("""
				{"clientName":"練馬病院 電子カルテ","authentication":"client_secret_basic","clientSecret":"ehr-secret",
				 "scopes":["system/Patient.rs"]}""").put("/admin/clients/" + clientId)
				.then().statusCode(400).body("error_description", containsString("encoding"));
		admin().contentType("application/json").body("""
				{"clientName":"練馬病院 電子カルテ","authentication":"client_secret_basic","clientSecret":"{noop}ehr-secret",
				 "scopes":["system/Patient.rs"]}""").put("/admin/clients/" + clientId)
				.then().statusCode(201).body("clientId", equalTo(clientId)).body("enabled", equalTo(true));
		String token = clientToken(clientId).then().statusCode(200).extract().jsonPath().getString("access_token");
		withToken(token).get("/fhir/Patient?_count=1").then().statusCode(200);
		admin().queryParam("client_id", clientId).get("/admin/tokens").then().statusCode(200).body("clientId", everyItem(equalTo(clientId)))
				.body("size()", equalTo(1));

		// Disabled: no new token, and the one it has stops working.
		admin().post("/admin/clients/" + clientId + "/disable").then().statusCode(204);
		clientToken(clientId).then().statusCode(401).body("error", equalTo("invalid_client"));
		withToken(token).get("/fhir/Patient?_count=1").then().statusCode(401);
		admin().post("/admin/clients/" + clientId + "/enable").then().statusCode(204);
		clientToken(clientId).then().statusCode(200);

		admin().delete("/admin/clients/" + clientId).then().statusCode(204);
		clientToken(clientId).then().statusCode(401);
		admin().get("/admin/clients").then().body("clientId", not(hasItem(clientId)));
		admin().delete("/admin/clients/" + clientId).then().statusCode(404);
	}

	@Test
	void aPersonIsEnrolledWithAQrCodeAndLosesAccessWhenDisabled() {
		String practitioner = created(fhir().body("""
				{"resourceType":"Practitioner","name":[{"text":"早宮 ゆかり"}]}""").post("/Practitioner"));
		String username = "hayamiya-" + UUID.randomUUID().toString().substring(0, 8);
		Response enrolled = admin().contentType("application/json").body("""
				{"password":"在宅-パスワード","fhirUser":"Practitioner/%s","displayName":"訪問看護師 早宮 ゆかり"}""".formatted(practitioner))
				.put("/admin/users/" + username);
		enrolled.then().statusCode(201).body("otpauthUri", startsWith("otpauth://totp/Zaitaku%20FHIR:" + username + "?secret="))
				.body("qrCodeSvg", startsWith("<svg"));
		String app = "admin-test-app-" + UUID.randomUUID();
		List<String> scopes = List.of("openid", "fhirUser", "user/Practitioner.rs");
		clients.save(new ClientRegistration(app, "訪問看護アプリ", "none", null, null, null, null, scopes,
				List.of(SmartAppFlow.REDIRECT_URI), null));
		String first = enrolled.jsonPath().getString("secret");
		new SmartAppFlow(serverUrl(), app).userToken(username, "在宅-パスワード", first, scopes);
		admin().queryParam("username", username).get("/admin/tokens").then().body("size()", equalTo(1));

		// A new phone: the new secret works, the old one no longer does.
		String second = admin().post("/admin/users/" + username + "/authenticator").then().statusCode(200)
				.extract().jsonPath().getString("secret");
		assertThrows(AssertionError.class, () -> new SmartAppFlow(serverUrl(), app).userToken(username, "在宅-パスワード", first, scopes));
		String token = new SmartAppFlow(serverUrl(), app).userToken(username, "在宅-パスワード", second, scopes);

		admin().post("/admin/users/" + username + "/disable").then().statusCode(204);
		withToken(token).get("/fhir/Practitioner?_count=1").then().statusCode(401);
		assertThrows(AssertionError.class, () -> new SmartAppFlow(serverUrl(), app).userToken(username, "在宅-パスワード", second, scopes));
		admin().get("/admin/users").then().body("find { it.username == '%s' }.enabled".formatted(username), equalTo(false));
		admin().delete("/admin/users/" + username).then().statusCode(204);
		admin().get("/admin/users").then().body("username", not(hasItem(username)));
	}

	@Test
	void rotatedKeysSignNewTokensWhileTheOldOnesStillWork() throws Exception {
		String before = accessToken();
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
		List<String> fresh = admin().post("/admin/signing-keys/rotate").then().statusCode(200).extract().jsonPath().getList("active");
		assertThat(fresh, not(hasItem(oldKid)));
		// The old key stays published for the tokens it signed; the new ones sign from now on.
		List<String> published = given().baseUri(serverUrl()).basePath("").get("/oauth2/jwks").then().statusCode(200).extract().jsonPath().getList("keys.kid");
		assertThat(published, hasItems(oldKid, fresh.get(0), fresh.get(1)));
		withToken(before).get("/fhir/Patient?_count=1").then().statusCode(200);
		String after = BackendClient.es384("after-rotation-" + UUID.randomUUID()).registeredWith(clients, "system/Patient.rs")
				.token(serverUrl(), "system/Patient.rs");
		assertThat(fresh, hasItem(SignedJWT.parse(after).getHeader().getKeyID()));
		withToken(after).get("/fhir/Patient?_count=1").then().statusCode(200);
		admin().get("/admin/signing-keys").then().body("findAll { it.active }.kid", equalTo(fresh.stream().sorted().toList()))
				.body("find { it.kid == '%s' }.retired_at".formatted(oldKid), not(equalTo(null)));
	}

	@Test
	void everyAdministrativeCallIsInTheAuditTrail() {
		admin().delete("/admin/users/nobody-" + UUID.randomUUID()).then().statusCode(404);
		admin().get("/admin/signing-keys").then().statusCode(200);
		List<String> calls = fhir().get("/AuditEvent?agent:identifier=" + adminClientId + "&_count=50").then().statusCode(200)
				.extract().jsonPath().getList("entry.resource.outcomeDesc");
		assertThat(calls, hasItem(startsWith("GET /admin/signing-keys 200")));
		assertThat(calls, hasItem(containsString("/admin/users/nobody-")));
	}

	private RequestSpecification admin() {
		return given().baseUri(serverUrl()).basePath("").header("Authorization", "Bearer " + adminToken);
	}

	private RequestSpecification withToken(String token) {
		return given().baseUri(serverUrl()).basePath("").header("Authorization", "Bearer " + token);
	}

	private Response clientToken(String clientId) {
		return given().baseUri(serverUrl()).basePath("").auth().preemptive().basic(clientId, "ehr-secret")
				.contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("grant_type", "client_credentials").formParam("scope", "system/Patient.rs").post("/oauth2/token");
	}
}
