package jp.zaitaku.fhir.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMART on FHIR security.
 *
 * @param enabled {@code false} switches authorization off (open development mode, loudly logged)
 * @param issuer the authorization server's issuer URL without a path, e.g. {@code https://fhir.example.jp};
 *     empty means derived from {@code zaitaku.server.public-base-url}, else from each request's host
 * @param clientsFile a JSON file of client registrations applied at start-up (see docs/security.md)
 * @param backendTokenLifetime lifetime of access tokens issued to backend services (SMART: at most 5 minutes)
 * @param clientAssertionMaxLifetime longest {@code exp - now} accepted in a client assertion
 * @param allowHttpJwksUrls accept {@code http:} JWKS URLs of loopback hosts (development and tests only)
 * @param appTokenLifetime lifetime of access tokens issued to SMART apps a person authorised
 * @param offlineRefreshTokenLifetime lifetime of refresh tokens for {@code offline_access}
 * @param onlineRefreshTokenLifetime lifetime of refresh tokens for {@code online_access}
 * @param usersFile a JSON file of people who log in to authorise apps, applied at start-up
 * @param keyEncryptionKey base64 of the 32-byte key that encrypts the signing keys' private halves in the database
 * @param keyEncryptionKeyFile a file holding that key (see {@code authorization.KeyEncryptionKey})
 * @param external an external OpenID Connect issuer whose access tokens the FHIR endpoint trusts
 *     instead of the embedded authorization server's
 */
@ConfigurationProperties(prefix = "zaitaku.security")
public record SecurityProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("") String issuer,
		@DefaultValue("") String clientsFile,
		@DefaultValue("5m") Duration backendTokenLifetime,
		@DefaultValue("5m") Duration clientAssertionMaxLifetime,
		@DefaultValue("false") boolean allowHttpJwksUrls,
		@DefaultValue("1h") Duration appTokenLifetime,
		@DefaultValue("90d") Duration offlineRefreshTokenLifetime,
		@DefaultValue("12h") Duration onlineRefreshTokenLifetime,
		@DefaultValue("") String usersFile,
		@DefaultValue("") String keyEncryptionKey,
		@DefaultValue("") String keyEncryptionKeyFile,
		@DefaultValue ExternalIssuer external) {

	/**
	 * An external issuer (e.g. a hospital's identity provider).
	 *
	 * @param issuer its issuer URL, as its tokens' {@code iss}; empty means none
	 * @param jwksUri where it publishes its signing keys
	 * @param authorizationEndpoint its authorization endpoint, published in the smart-configuration
	 * @param tokenEndpoint its token endpoint, published in the smart-configuration
	 */
	public record ExternalIssuer(
			@DefaultValue("") String issuer,
			@DefaultValue("") String jwksUri,
			@DefaultValue("") String authorizationEndpoint,
			@DefaultValue("") String tokenEndpoint) {

		public boolean configured() {
			return !issuer.isBlank();
		}
	}

	/** The property that switches security; its environment variable is ZAITAKU_SECURITY_ENABLED. */
	public static final String ENABLED = "zaitaku.security.enabled";
}
