package jp.zaitaku.fhir.security.resourceserver;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import jp.zaitaku.fhir.ServerProcess;
import org.junit.jupiter.api.Test;

/**
 * An operator who trusts an external OpenID Connect issuer (a hospital's identity provider) instead
 * of the embedded authorization server: the FHIR endpoint accepts that issuer's tokens for this FHIR
 * base and refuses others. Runs a server of its own with the settings.
 */
class ExternalIssuerIT {

	private static final String ISSUER = "https://idp.nerima-chuo-hospital.example.jp";

	private static String token(RSAKey key, String issuer, String audience, String scope) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				new JWTClaimsSet.Builder().issuer(issuer).subject("ehr-backend").audience(audience).claim("scope", scope)
						.jwtID(UUID.randomUUID().toString()).issueTime(new Date())
						.expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@Test
	void theFhirEndpointTrustsTheConfiguredIssuerOnly() throws Exception {
		RSAKey idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
		RSAKey strangerKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
		HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		jwks.createContext("/jwks", exchange -> {
			byte[] body = new JWKSet(idpKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		jwks.start();
		Path dataDir = Files.createDirectories(Path.of("target", "test-data", "external-" + UUID.randomUUID())).toAbsolutePath();
		try (ServerProcess server = ServerProcess.start(dataDir, dataDir.resolveSibling(dataDir.getFileName() + ".log"), Map.of(
				"ZAITAKU_SECURITY_EXTERNAL_ISSUER", ISSUER,
				"ZAITAKU_SECURITY_EXTERNAL_JWKS_URI", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
				"ZAITAKU_SECURITY_EXTERNAL_AUTHORIZATION_ENDPOINT", ISSUER + "/authorize",
				"ZAITAKU_SECURITY_EXTERNAL_TOKEN_ENDPOINT", ISSUER + "/token"))) {
			String fhirBase = server.baseUrl();

			given().get(fhirBase + "/.well-known/smart-configuration").then().statusCode(200)
					.header("Cache-Control", equalTo("public, max-age=3600"))
					.body("issuer", equalTo(ISSUER)).body("token_endpoint", equalTo(ISSUER + "/token"));
			given().header("Authorization", "Bearer " + token(idpKey, ISSUER, fhirBase, "system/Patient.rs"))
					.get(fhirBase + "/Patient?_count=1").then().statusCode(200);
			// The scopes still decide: reading is allowed, writing is not.
			given().header("Authorization", "Bearer " + token(idpKey, ISSUER, fhirBase, "system/Patient.rs"))
					.contentType("application/fhir+json").body("{\"resourceType\":\"Patient\"}")
					.post(fhirBase + "/Patient").then().statusCode(403);
			given().header("Authorization", "Bearer " + token(strangerKey, ISSUER, fhirBase, "system/Patient.rs"))
					.get(fhirBase + "/Patient").then().statusCode(401);
			given().header("Authorization", "Bearer " + token(idpKey, "https://other-idp.example.jp", fhirBase, "system/Patient.rs"))
					.get(fhirBase + "/Patient").then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));
			given().header("Authorization", "Bearer " + token(idpKey, ISSUER, "https://other-fhir.example.jp/fhir", "system/Patient.rs"))
					.get(fhirBase + "/Patient").then().statusCode(401);
		} finally {
			jwks.stop(0);
		}
	}
}
