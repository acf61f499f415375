package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.StoredSecrets;
import jp.zaitaku.fhir.security.scopes.SmartScopeValidator;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.security.scopes.SmartScope;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param scopes the scopes it may be granted: {@code system/...} for a backend service; for an app
 *     {@code patient/...}, {@code user/...}, {@code launch}, {@code launch/patient}, {@code openid}, {@code fhirUser},
 *     {@code offline_access}, {@code online_access}
 * @param redirectUris an app's redirect URIs; present means a SMART app (authorization code with PKCE),
 *     absent a backend service (client credentials)
 * @param organization a backend service's organisation ({@code Organization/<id>}): it then reaches only
 *     the patients of the care teams that organisation is on; absent, it reaches every patient its scopes allow
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
		List<String> scopes,
		List<String> redirectUris,
		String organization) {

	/** Where {@link #organization} is kept among the registered client's settings. */
	static final String ORGANIZATION_SETTING = "zaitaku.organization";
	static final String PRIVATE_KEY_JWT = "private_key_jwt";
	static final String CLIENT_SECRET_BASIC = "client_secret_basic";
	static final String PUBLIC = "none";
	/** The administration API's scope: for backend services only (an operator's tool, not an app a person signs in to). */
	public static final String ADMIN_SCOPE = SmartScopeValidator.ADMIN_SCOPE;
	private static final List<String> APP_SCOPES =
			List.of("launch", "launch/patient", "openid", "fhirUser", "profile", "offline_access", "online_access");

	/** A backend service (no redirect URIs). */
	ClientRegistration(String clientId, String clientName, String authentication, String clientSecret, String jwksUrl,
			JsonNode jwks, String signingAlgorithm, List<String> scopes) {
		this(clientId, clientName, authentication, clientSecret, jwksUrl, jwks, signingAlgorithm, scopes, null, null);
	}

	/** A SMART app (with redirect URIs) or a backend service that reaches every patient. */
	ClientRegistration(String clientId, String clientName, String authentication, String clientSecret, String jwksUrl,
			JsonNode jwks, String signingAlgorithm, List<String> scopes, List<String> redirectUris) {
		this(clientId, clientName, authentication, clientSecret, jwksUrl, jwks, signingAlgorithm, scopes, redirectUris, null);
	}

	boolean isApp() {
		return redirectUris != null && !redirectUris.isEmpty();
	}

	/** The RegisteredClient; {@code existingId} keeps the stored row when the client is updated. */
	RegisteredClient toRegisteredClient(String existingId, SecurityProperties settings) {
		require(clientId != null && !clientId.isBlank(), "clientId is required");
		require(scopes != null && !scopes.isEmpty(), "client " + clientId + ": scopes are required");
		for (String scope : scopes) {
			require(scope.indexOf(',') < 0 && scope.indexOf(' ') < 0, "client " + clientId + ": a scope has a comma or space: " + scope);
			boolean resourceScope = SmartScope.parse(scope)
					.filter(s -> isApp() ? !s.context().equals("system") : s.context().equals("system")).isPresent();
			require(resourceScope || (isApp() && APP_SCOPES.contains(scope)) || (!isApp() && scope.equals(ADMIN_SCOPE)),
					"client " + clientId + ": scope not allowed for a " + (isApp() ? "SMART app (patient/, user/ and launch scopes)"
							: "backend service (system/ scopes, " + ADMIN_SCOPE + ")") + ": " + scope);
		}
		require(organization == null || (!isApp() && organization.matches("Organization/[A-Za-z0-9\\-.]{1,64}")),
				"client " + clientId + ": organization must be Organization/<id>, and only a backend service has one"
						+ " (an app reaches the patients of the person who signs in)");
		RegisteredClient.Builder client = RegisteredClient.withId(existingId == null ? UUID.randomUUID().toString() : existingId)
				.clientId(clientId)
				.clientName(clientName == null || clientName.isBlank() ? clientId : clientName)
				.scopes(registered -> registered.addAll(scopes));
		if (isApp()) {
			client.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
					.redirectUris(uris -> uris.addAll(redirectUris))
					.tokenSettings(TokenSettings.builder()
							.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
							.accessTokenTimeToLive(settings.appTokenLifetime())
							.refreshTokenTimeToLive(settings.offlineRefreshTokenLifetime())
							.reuseRefreshTokens(false)
							.build());
		} else {
			client.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.tokenSettings(TokenSettings.builder()
							.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
							.accessTokenTimeToLive(settings.backendTokenLifetime())
							.build());
		}
		String method = authentication == null ? PRIVATE_KEY_JWT : authentication;
		if (method.equals(PRIVATE_KEY_JWT)) {
			require((jwksUrl == null) != (jwks == null), "client " + clientId + ": give exactly one of jwksUrl and jwks");
			require(jwksUrl == null || jwksUrl.startsWith("https://") || (settings.allowHttpJwksUrls() && jwksUrl.startsWith("http://")),
					"client " + clientId + ": jwksUrl must be https (the server fetches it)");
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(signingAlgorithm == null ? "RS384" : signingAlgorithm);
			require(algorithm == SignatureAlgorithm.RS384 || algorithm == SignatureAlgorithm.ES384,
					"client " + clientId + ": signingAlgorithm must be RS384 or ES384");
			ClientSettings.Builder clientSettings = clientSettings().tokenEndpointAuthenticationSigningAlgorithm(algorithm);
			if (jwksUrl != null) {
				clientSettings.jwkSetUrl(jwksUrl);
			} else {
				clientSettings.setting(ClientAssertionDecoders.INLINE_JWKS, jwks.toString());
			}
			client.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT).clientSettings(clientSettings.build());
		} else if (method.equals(CLIENT_SECRET_BASIC)) {
			require(clientSecret != null && clientSecret.startsWith("{"),
					"client " + clientId + ": clientSecret must name its encoding, e.g. {bcrypt}... or {noop}...");
			// A secret given in clear ({noop}) is stored as its bcrypt hash.
			client.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC).clientSecret(StoredSecrets.hashed(clientSecret))
					.clientSettings(clientSettings().build());
		} else if (method.equals(PUBLIC) && isApp()) {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE).clientSettings(clientSettings().build());
		} else {
			throw new IllegalArgumentException("client " + clientId
					+ ": authentication must be private_key_jwt, client_secret_basic or (apps only) none");
		}
		return client.build();
	}

	/**
	 * SMART 2: every app uses PKCE, confidential ones too; the person always sees the consent page. A
	 * backend service's organisation is kept with it.
	 */
	private ClientSettings.Builder clientSettings() {
		ClientSettings.Builder settings = isApp()
				? ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true)
				: ClientSettings.builder();
		if (organization != null) {
			settings.setting(ORGANIZATION_SETTING, organization);
		}
		return settings;
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException(problem);
		}
	}
}
