package jp.zaitaku.fhir.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * A client as an operator registers it (in the clients file, see docs/security.md), turned into
 * Spring Authorization Server's RegisteredClient with the rules SMART sets.
 *
 * @param clientId the client id
 * @param clientName a name people recognise, e.g. 「練馬中央病院 電子カルテ」
 * @param authentication {@code private_key_jwt} (SMART Backend Services) or {@code client_secret_basic}
 * @param clientSecret with {@code client_secret_basic}: the secret with its encoding, {@code {bcrypt}...} or {@code {noop}...}
 * @param jwksUrl with {@code private_key_jwt}: where the client publishes its public keys (https)
 * @param jwks with {@code private_key_jwt}: the public keys themselves, instead of a URL
 * @param signingAlgorithm with {@code private_key_jwt}: RS384 (default) or ES384
 * @param scopes the scopes it may be granted, e.g. {@code system/*.rs}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ClientRegistration(
		String clientId,
		String clientName,
		String authentication,
		String clientSecret,
		String jwksUrl,
		JsonNode jwks,
		String signingAlgorithm,
		List<String> scopes) {

	static final String PRIVATE_KEY_JWT = "private_key_jwt";
	static final String CLIENT_SECRET_BASIC = "client_secret_basic";

	/** A backend-services registration; {@code existingId} keeps the stored row when the client is updated. */
	RegisteredClient toRegisteredClient(String existingId, Duration accessTokenLifetime) {
		require(clientId != null && !clientId.isBlank(), "clientId is required");
		require(scopes != null && !scopes.isEmpty(), "client " + clientId + ": scopes are required");
		for (String scope : scopes) {
			require(scope.indexOf(',') < 0 && scope.indexOf(' ') < 0, "client " + clientId + ": a scope has a comma or space: " + scope);
			require(SmartScope.parse(scope).filter(s -> s.context().equals("system")).isPresent(),
					"client " + clientId + ": only system/ scopes can be registered for backend services: " + scope);
		}
		RegisteredClient.Builder client = RegisteredClient.withId(existingId == null ? UUID.randomUUID().toString() : existingId)
				.clientId(clientId)
				.clientName(clientName == null || clientName.isBlank() ? clientId : clientName)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes(registered -> registered.addAll(scopes))
				.tokenSettings(TokenSettings.builder()
						.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
						.accessTokenTimeToLive(accessTokenLifetime)
						.build());
		String method = authentication == null ? PRIVATE_KEY_JWT : authentication;
		if (method.equals(PRIVATE_KEY_JWT)) {
			require((jwksUrl == null) != (jwks == null), "client " + clientId + ": give exactly one of jwksUrl and jwks");
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(signingAlgorithm == null ? "RS384" : signingAlgorithm);
			require(algorithm == SignatureAlgorithm.RS384 || algorithm == SignatureAlgorithm.ES384,
					"client " + clientId + ": signingAlgorithm must be RS384 or ES384");
			ClientSettings.Builder settings = ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(algorithm);
			if (jwksUrl != null) {
				settings.jwkSetUrl(jwksUrl);
			} else {
				settings.setting(ClientAssertionDecoders.INLINE_JWKS, jwks.toString());
			}
			client.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT).clientSettings(settings.build());
		} else if (method.equals(CLIENT_SECRET_BASIC)) {
			require(clientSecret != null && clientSecret.startsWith("{"),
					"client " + clientId + ": clientSecret must name its encoding, e.g. {bcrypt}... or {noop}...");
			client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC).clientSecret(clientSecret);
		} else {
			throw new IllegalArgumentException("client " + clientId + ": authentication must be private_key_jwt or client_secret_basic");
		}
		return client.build();
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException(problem);
		}
	}
}
