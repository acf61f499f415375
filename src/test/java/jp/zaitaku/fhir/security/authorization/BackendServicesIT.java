package jp.zaitaku.fhir.security.authorization;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SMART Backend Services against the embedded authorization server: an EHR's backend client signs
 * a client assertion (RS384 or ES384) and gets a short-lived token for the system/ scopes it is
 * registered for; every way of cheating at the token endpoint is refused.
 */
class BackendServicesIT extends FhirServerTestBase {

	@Autowired
	private ClientRegistrations registrations;
	@Autowired
	private SigningKeys serverKeys;

	private BackendClient registered(BackendClient client, String... scopes) {
		registrations.save(client.registration(List.of(scopes)));
		return client;
	}

	private String tokenUrl() {
		return serverUrl() + "/oauth2/token";
	}

	private static io.restassured.specification.RequestSpecification withToken(String token) {
		return anonymous().header("Authorization", "Bearer " + token);
	}

	@Test
	void anEs384ClientGetsAShortLivedTokenForWhatItAskedAndNoMore() {
		BackendClient ehr = registered(BackendClient.es384("nerima-ehr-" + UUID.randomUUID()), "system/*.rs");
		Response response = BackendClient.requestToken(serverUrl(), "system/Patient.rs", ehr.assertion(tokenUrl()));

		response.then().statusCode(200)
				.body("token_type", equalTo("Bearer"))
				.body("scope", equalTo("system/Patient.rs"))
				.body("expires_in", lessThanOrEqualTo(300));
		String token = response.jsonPath().getString("access_token");
		withToken(token).get("/Patient?_count=1").then().statusCode(200);
		withToken(token).get("/CareTeam?_count=1").then().statusCode(403)
				.header("WWW-Authenticate", containsString("insufficient_scope"))
				.body("resourceType", equalTo("OperationOutcome"));
		withToken(token).body(patientJson("練馬", "一郎", "ネリマ", "イチロウ", unique())).post("/Patient")
				.then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
	}

	@Test
	void anRs384ClientGetsATokenToo() {
		BackendClient ehr = registered(BackendClient.rs384("rs384-ehr-" + UUID.randomUUID()), "system/*.cruds");
		String token = ehr.token(serverUrl(), "system/Patient.cruds");
		created(withToken(token).body(patientJson("石神井", "花", "シャクジイ", "ハナ", unique())).post("/Patient"));
	}

	@Test
	void aReplayedClientAssertionIsRefused() {
		BackendClient ehr = registered(BackendClient.es384("replay-" + UUID.randomUUID()), "system/*.rs");
		String assertion = ehr.assertion(tokenUrl());
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", assertion).then().statusCode(200);
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", assertion).then().statusCode(401)
				.body("error", equalTo("invalid_client"));
	}

	@Test
	void anAssertionForAnotherAudienceIsRefused() {
		BackendClient ehr = registered(BackendClient.es384("audience-" + UUID.randomUUID()), "system/*.rs");
		String assertion = ehr.assertion("https://other-server.example.jp/oauth2/token", UUID.randomUUID().toString(),
				Instant.now().plusSeconds(120));
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", assertion).then().statusCode(401)
				.body("error", equalTo("invalid_client"));
	}

	@Test
	void anAssertionWrittenForTheRevocationEndpointGetsNoToken() {
		BackendClient ehr = registered(BackendClient.es384("revocation-audience-" + UUID.randomUUID()), "system/*.rs");
		String forRevocation = ehr.assertion(serverUrl() + "/oauth2/revoke", UUID.randomUUID().toString(),
				Instant.now().plusSeconds(120));
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", forRevocation).then().statusCode(401)
				.body("error", equalTo("invalid_client"));
		// Presented where it was meant for, a fresh one works.
		String token = BackendClient.requestToken(serverUrl(), "system/Patient.rs", ehr.assertion(tokenUrl()))
				.then().statusCode(200).extract().path("access_token");
		clientCall(ehr, "/oauth2/revoke").formParam("token", token).post("/oauth2/revoke").then().statusCode(200);
	}

	@Test
	void anAssertionValidForAnHourIsRefused() {
		BackendClient ehr = registered(BackendClient.es384("long-lived-" + UUID.randomUUID()), "system/*.rs");
		String assertion = ehr.assertion(tokenUrl(), UUID.randomUUID().toString(), Instant.now().plusSeconds(3600));
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", assertion).then().statusCode(401);
	}

	@Test
	void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
		BackendClient ehr = registered(BackendClient.es384("forged-" + UUID.randomUUID()), "system/*.rs");
		String forged = ehr.assertionSignedWith(new ECKeyGenerator(Curve.P_384).generate(), tokenUrl());
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", forged).then().statusCode(401)
				.body("error", equalTo("invalid_client"));
	}

	@Test
	void anUnsignedAssertionIsRefused() {
		BackendClient ehr = registered(BackendClient.es384("unsigned-" + UUID.randomUUID()), "system/*.rs");
		String signed = ehr.assertion(tokenUrl());
		String[] parts = signed.split("\\.");
		String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
				+ "." + parts[1] + ".";
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", unsigned).then().statusCode(401);
	}

	@Test
	void anUnknownClientIsRefused() {
		BackendClient stranger = BackendClient.es384("never-registered-" + UUID.randomUUID());
		BackendClient.requestToken(serverUrl(), "system/*.rs", stranger.assertion(tokenUrl())).then().statusCode(401)
				.body("error", equalTo("invalid_client"));
	}

	@Test
	void scopesBeyondTheRegistrationAreRefused() {
		BackendClient ehr = registered(BackendClient.es384("escalation-" + UUID.randomUUID()), "system/Patient.rs");
		for (String scope : List.of("system/Patient.cruds", "system/*.rs", "system/Communication.r", "patient/*.rs", "user/Patient.rs")) {
			BackendClient.requestToken(serverUrl(), scope, ehr.assertion(tokenUrl())).then().statusCode(400)
					.body("error", equalTo("invalid_scope"));
		}
		BackendClient.requestToken(serverUrl(), "system/Patient.r", ehr.assertion(tokenUrl())).then().statusCode(200);
		// SMART v1 spelling of the same permissions.
		BackendClient.requestToken(serverUrl(), "system/Patient.read", ehr.assertion(tokenUrl())).then().statusCode(200);
		BackendClient.requestToken(serverUrl(), "system/Patient.write", ehr.assertion(tokenUrl())).then().statusCode(400);
	}

	@Test
	void aClientPublishingItsKeysAtAJwksUrlGetsAToken() throws Exception {
		// The test suite allows http for loopback JWKS URLs (zaitaku.security.allow-http-jwks-urls); production needs https.
		BackendClient first = BackendClient.rs384("jwks-url-" + UUID.randomUUID());
		String published = first.publicJwks();
		com.sun.net.httpserver.HttpServer keys = com.sun.net.httpserver.HttpServer.create(
				new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
		keys.createContext("/jwks.json", exchange -> {
			byte[] body = published.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (java.io.OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		keys.start();
		try {
			String url = "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks.json";
			registrations.save(new ClientRegistration(first.clientId(), "URL で鍵を公開するクライアント",
					ClientRegistration.PRIVATE_KEY_JWT, null, url, null, "RS384", List.of("system/*.rs")));
			String token = first.token(serverUrl(), "system/Patient.rs");
			withToken(token).get("/Patient?_count=1").then().statusCode(200);
		} finally {
			keys.stop(0);
		}
	}

	@Test
	void aRevokedTokenStopsWorkingAndIntrospectionSaysSo() {
		BackendClient ehr = registered(BackendClient.es384("revoke-" + UUID.randomUUID()), "system/*.rs");
		String token = ehr.token(serverUrl(), "system/Patient.rs");
		withToken(token).get("/Patient?_count=1").then().statusCode(200);

		clientCall(ehr, "/oauth2/introspect").formParam("token", token).post("/oauth2/introspect").then().statusCode(200)
				.body("active", equalTo(true))
				.body("client_id", equalTo(ehr.clientId()))
				.body("scope", equalTo("system/Patient.rs"));
		clientCall(ehr, "/oauth2/revoke").formParam("token", token).post("/oauth2/revoke").then().statusCode(200);

		withToken(token).get("/Patient?_count=1").then().statusCode(401)
				.header("WWW-Authenticate", containsString("invalid_token"));
		clientCall(ehr, "/oauth2/introspect").formParam("token", token).post("/oauth2/introspect").then().statusCode(200)
				.body("active", equalTo(false));
	}

	private io.restassured.specification.RequestSpecification clientCall(BackendClient client, String endpoint) {
		return given().baseUri(serverUrl()).basePath("").contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("client_assertion_type", BackendClient.ASSERTION_TYPE)
				.formParam("client_assertion", client.assertion(serverUrl() + endpoint));
	}

	@Test
	void theSmartConfigurationNamesTheEndpointsAndCapabilities() {
		given().baseUri(serverUrl()).basePath("").get("/fhir/.well-known/smart-configuration").then().statusCode(200)
				.contentType(startsWith("application/json"))
				// The issuer is the host the caller used (none is configured): no shared cache may keep it.
				.header("Cache-Control", equalTo("private, max-age=3600"))
				.body("token_endpoint", equalTo(tokenUrl()))
				.body("jwks_uri", equalTo(serverUrl() + "/oauth2/jwks"))
				.body("token_endpoint_auth_methods_supported", hasItem("private_key_jwt"))
				.body("token_endpoint_auth_signing_alg_values_supported", hasItems("RS384", "ES384"))
				.body("grant_types_supported", hasItem("client_credentials"))
				.body("code_challenge_methods_supported", equalTo(List.of("S256")))
				.body("capabilities", hasItems("client-confidential-asymmetric", "permission-v2", "launch-ehr", "launch-standalone",
						"client-public", "sso-openid-connect", "context-ehr-patient", "context-standalone-patient"));
		given().baseUri(serverUrl()).basePath("").get("/oauth2/jwks").then().statusCode(200)
				.body("keys.kty", hasItems("RSA", "EC"))
				// Public halves only (after a key rotation the keys it replaced are published too, for a while).
				.body("keys.d", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
				.body("keys.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
	}

	@Test
	void theCapabilityStatementSaysTheServerIsProtectedBySmart() {
		anonymous().get("/metadata").then().statusCode(200)
				.body("rest[0].security.service[0].coding[0].code", equalTo("SMART-on-FHIR"))
				.body("rest[0].security.extension[0].extension.find { it.url == 'token' }.valueUri", equalTo(tokenUrl()));
	}

	@Test
	void aTokenlessFhirRequestGets401WithAChallengeAndAnOperationOutcome() {
		Response response = anonymous().get("/Patient");
		response.then().statusCode(401)
				.header("WWW-Authenticate", startsWith("Bearer"))
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].code", equalTo("login"));
		anonymous().body(patientJson("無", "権限", "ム", "ケンゲン", unique())).post("/Patient").then().statusCode(401);
	}

	@Test
	void aTamperedOrUnsignedAccessTokenIsRefused() {
		String[] parts = accessToken().split("\\.");
		String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding()
				.encodeToString("{\"sub\":\"intruder\",\"scope\":[\"system/*.cruds\"]}".getBytes());
		String tampered = parts[0] + "." + otherPayload + "." + parts[2];
		String unsigned = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
				+ "." + parts[1] + ".";
		for (String token : List.of(tampered, unsigned, "not-a-jwt")) {
			withToken(token).get("/Patient").then().statusCode(401)
					.header("WWW-Authenticate", containsString("invalid_token"))
					.body("resourceType", equalTo("OperationOutcome"));
		}
	}

	@Test
	void anExpiredTokenSignedByTheServerItselfIsRefused() {
		// Signed with the server's own key, for this FHIR base, with every scope: only the expiry is wrong.
		Instant issued = Instant.now().minusSeconds(900);
		org.springframework.security.oauth2.jwt.JwtClaimsSet claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder()
				.issuer(serverUrl()).subject("zaitaku-test-suite").audience(List.of(serverUrl() + "/fhir"))
				.issuedAt(issued).expiresAt(issued.plusSeconds(300)).claim("scope", List.of("system/*.cruds")).build();
		String expired = new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(serverKeys).encode(
				org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
						org.springframework.security.oauth2.jwt.JwsHeader.with(
								org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
								.keyId(serverKeys.activeKeyId("RS256")).build(), claims)).getTokenValue();
		withToken(expired).get("/Patient").then().statusCode(401)
				.header("WWW-Authenticate", containsString("expired"))
				.body("resourceType", equalTo("OperationOutcome"));
	}

	@Test
	void aTokenForAnotherHostIsRefused() {
		// The same server reached as 127.0.0.1 is another FHIR base: the token's audience does not match.
		given().baseUri("http://127.0.0.1:" + port).basePath("/fhir").accept(FHIR_JSON)
				.header("Authorization", "Bearer " + accessToken())
				.get("/Patient").then().statusCode(401)
				.header("WWW-Authenticate", containsString("aud"));
	}

	@Test
	void aTransactionIsCheckedEntryByEntry() {
		BackendClient ehr = registered(BackendClient.es384("tx-" + UUID.randomUUID()), "system/Patient.cruds");
		String token = ehr.token(serverUrl(), "system/Patient.cruds");
		String identifier = unique();
		String bundle = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:3f2c1d0e-0000-4000-8000-000000000001","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"体温"},
				   "subject":{"reference":"urn:uuid:3f2c1d0e-0000-4000-8000-000000000001"}},"request":{"method":"POST","url":"Observation"}}]}
				""".formatted(patientJson("豊玉", "北", "トヨタマ", "キタ", identifier));
		withToken(token).body(bundle).post("/").then().statusCode(403);
		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier + "&_total=accurate").then().body("total", equalTo(0));
	}

	@Test
	void aSearchOnlyScopeCannotReadByIdAndAReadOnlyScopeCannotSearch() {
		String patientId = createPatient("光が丘", "公園", "ヒカリガオカ", "コウエン");
		BackendClient searcher = registered(BackendClient.es384("search-only-" + UUID.randomUUID()), "system/Patient.s", "system/Patient.r");
		String searchOnly = searcher.token(serverUrl(), "system/Patient.s");
		withToken(searchOnly).get("/Patient?_id=" + patientId).then().statusCode(200);
		withToken(searchOnly).get("/Patient/" + patientId).then().statusCode(403);
		String readOnly = searcher.token(serverUrl(), "system/Patient.r");
		withToken(readOnly).get("/Patient/" + patientId).then().statusCode(200);
		withToken(readOnly).get("/Patient?_id=" + patientId).then().statusCode(403);
	}

	@Test
	void aScopeNarrowedBySearchParametersOnlyReachesMatchingResources() {
		String female = createPatient("早宮", "さくら", "ハヤミヤ", "サクラ");
		String male = created(fhir().body(patientJson("早宮", "太郎", "ハヤミヤ", "タロウ", unique()).replace("\"female\"", "\"male\""))
				.post("/Patient"));
		BackendClient narrow = registered(BackendClient.es384("narrow-" + UUID.randomUUID()), "system/Patient.rs?gender=female");
		String token = narrow.token(serverUrl(), "system/Patient.rs?gender=female");
		withToken(token).get("/Patient/" + female).then().statusCode(200);
		withToken(token).get("/Patient/" + male).then().statusCode(403);
	}

	@Test
	void anIncludeOfATypeTheTokenCannotReadIsRefused() {
		String patientId = createPatient("氷川台", "静", "ヒカワダイ", "シズカ");
		String message = created(fhir().body(communicationJson(patientId, "食事量が減っています")).post("/Communication"));
		BackendClient messages = registered(BackendClient.es384("messages-" + UUID.randomUUID()), "system/Communication.rs");
		String token = messages.token(serverUrl(), "system/Communication.rs");
		withToken(token).get("/Communication?_id=" + message).then().statusCode(200);
		withToken(token).get("/Communication?_id=" + message + "&_include=Communication:subject").then().statusCode(403);
		withToken(token).get("/Patient/" + patientId).then().statusCode(403);
	}

	@Test
	void aPatchNeedsAScopeThatMayReadAndUpdateEverything() {
		// A failing patch can quote the stored resource in its error: not for a token limited to one type.
		String patientId = createPatient("南大泉", "秋子", "ミナミオオイズミ", "アキコ");
		BackendClient messages = registered(BackendClient.es384("patcher-" + UUID.randomUUID()), "system/Communication.cru");
		String token = messages.token(serverUrl(), "system/Communication.cru");
		withToken(token).contentType("application/json-patch+json")
				.body("[{\"op\":\"test\",\"path\":\"/gender\",\"value\":\"female\"}]")
				.patch("/Patient/" + patientId).then().statusCode(403);
	}

	@Test
	void aConditionalCreateNeedsAScopeThatMaySearch() {
		// On a match HAPI answers with the existing resource: without s the condition would be a search oracle.
		BackendClient writer = registered(BackendClient.es384("conditional-" + UUID.randomUUID()), "system/Patient.cs");
		String createOnly = writer.token(serverUrl(), "system/Patient.c");
		String identifier = unique();
		withToken(createOnly).header("If-None-Exist", "identifier=urn:zaitaku:test|" + identifier)
				.body(patientJson("条件", "付き", "ジョウケン", "ツキ", identifier)).post("/Patient").then().statusCode(403);
		String createAndSearch = writer.token(serverUrl(), "system/Patient.cs");
		withToken(createAndSearch).header("If-None-Exist", "identifier=urn:zaitaku:test|" + identifier)
				.body(patientJson("条件", "付き", "ジョウケン", "ツキ", identifier)).post("/Patient").then().statusCode(201);
		// The same condition as a transaction entry's ifNoneExist.
		String entry = """
				{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:%s","resource":%s,
				 "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=urn:zaitaku:test|%s"}}]}"""
				.formatted(UUID.randomUUID(), patientJson("条件", "付き", "ジョウケン", "ツキ", identifier), identifier);
		withToken(createOnly).body(entry).post("/").then().statusCode(403)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("conditional create"));
		// Without read, the match stays unseen: a conflict, worded without HAPI's SQL.
		withToken(createAndSearch).body(entry).post("/").then().statusCode(409)
				.body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("conditional create"))
				.body("issue[0].diagnostics", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsStringIgnoringCase("insert into")));
		// With read too, the entry finds the Patient created above instead of creating another.
		BackendClient reader = registered(BackendClient.es384("conditional-reader-" + UUID.randomUUID()), "system/Patient.crs");
		withToken(reader.token(serverUrl(), "system/Patient.crs")).body(entry).post("/").then().statusCode(200)
				.body("entry[0].response.status", equalTo("200 OK"));
	}

	@Test
	void aScopeOfAnUnknownResourceTypeGrantsNothingAndBreaksNothing() {
		BackendClient odd = registered(BackendClient.es384("odd-" + UUID.randomUUID()), "system/Kaigo.rs");
		String token = odd.token(serverUrl(), "system/Kaigo.rs");
		withToken(token).get("/Patient").then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
	}

	@Test
	void anAssertionInAnotherAlgorithmThanRegisteredIsRefused() {
		BackendClient rsa = BackendClient.rs384("alg-" + UUID.randomUUID());
		ClientRegistration asEs384 = rsa.registration(List.of("system/*.rs"));
		registrations.save(new ClientRegistration(asEs384.clientId(), asEs384.clientName(), asEs384.authentication(), null, null,
				asEs384.jwks(), "ES384", asEs384.scopes()));
		BackendClient.requestToken(serverUrl(), "system/Patient.rs", rsa.assertion(tokenUrl())).then().statusCode(401);
	}

	@Test
	void aBrowserAppsPreflightIsAnsweredWithoutAToken() {
		given().baseUri(serverUrl()).basePath("")
				.header("Origin", "https://app.zaitaku-care.example.jp")
				.header("Access-Control-Request-Method", "GET")
				.header("Access-Control-Request-Headers", "authorization")
				.options("/fhir/Patient/nerima-hanako").then().statusCode(200)
				.header("Access-Control-Allow-Origin", equalTo("https://app.zaitaku-care.example.jp"));
	}

	@Test
	void aPathTheFirewallRejectsStillGetsAnOperationOutcome() throws Exception {
		String answer = rawGet("/fhir/Patient;jsessionid=1");
		assertThat(answer, startsWith("HTTP/1.1 400"));
		assertThat(answer, containsString("OperationOutcome"));
	}
}
