package jp.zaitaku.fhir.security.authorization;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A SMART Backend Services client as an EHR would run one: its own key pair (ES384 or RS384), a
 * signed client assertion per token request, {@code client_credentials} at our token endpoint.
 */
public final class BackendClient {

	public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final String clientId;
	private final JWK key;
	private final JWSAlgorithm algorithm;

	private BackendClient(String clientId, JWK key, JWSAlgorithm algorithm) {
		this.clientId = clientId;
		this.key = key;
		this.algorithm = algorithm;
	}

	public static BackendClient es384(String clientId) {
		try {
			return new BackendClient(clientId, new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate(), JWSAlgorithm.ES384);
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public static BackendClient rs384(String clientId) {
		try {
			return new BackendClient(clientId, new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(), JWSAlgorithm.RS384);
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public String clientId() {
		return clientId;
	}

	/** The client's public key as the JWKS document it publishes. */
	public String publicJwks() {
		return new JWKSet(key.toPublicJWK()).toString();
	}

	/** The registration an operator would write into the clients file, with the public key inline. */
	public ClientRegistration registration(List<String> scopes) {
		try {
			return new ClientRegistration(clientId, "テスト用バックエンド " + clientId, ClientRegistration.PRIVATE_KEY_JWT, null, null,
					new ObjectMapper().readTree(new JWKSet(key.toPublicJWK()).toString()), algorithm.getName(), scopes);
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Registers this client with {@code scopes}; returns it. */
	public BackendClient registeredWith(ClientRegistrations clients, String... scopes) {
		clients.save(registration(List.of(scopes)));
		return this;
	}

	/** A correct assertion for the token endpoint at {@code tokenUrl}. */
	public String assertion(String tokenUrl) {
		return assertion(tokenUrl, UUID.randomUUID().toString(), Instant.now().plusSeconds(240));
	}

	public String assertion(String audience, String jti, Instant expires) {
		return sign(new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience).jwtID(jti)
				.expirationTime(Date.from(expires)).issueTime(new Date()).build(), key);
	}

	/** Signed with {@code signingKey} but naming this client's key id: a forgery. */
	public String assertionSignedWith(JWK signingKey, String tokenUrl) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenUrl)
				.jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(240))).build();
		return sign(claims, signingKey);
	}

	private String sign(JWTClaimsSet claims, JWK signingKey) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(signingKey instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) signingKey));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/** POST /oauth2/token with a client_credentials grant and the given assertion. */
	public static Response requestToken(String baseUrl, String scope, String assertion) {
		return given().baseUri(baseUrl).basePath("").contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("grant_type", "client_credentials")
				.formParam("scope", scope)
				.formParam("client_assertion_type", ASSERTION_TYPE)
				.formParam("client_assertion", assertion)
				.post("/oauth2/token");
	}

	/** A fresh access token for {@code scope}, or an AssertionError saying why not. */
	public String token(String baseUrl, String scope) {
		Response response = requestToken(baseUrl, scope, assertion(baseUrl + "/oauth2/token"));
		if (response.statusCode() != 200) {
			throw new AssertionError("no token for " + clientId + ": " + response.statusCode() + " " + response.asString());
		}
		return response.jsonPath().getString("access_token");
	}
}
