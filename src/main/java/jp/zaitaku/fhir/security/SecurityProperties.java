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
		@DefaultValue("") String usersFile) {

	/** The property that switches security; its environment variable is ZAITAKU_SECURITY_ENABLED. */
	public static final String ENABLED = "zaitaku.security.enabled";
}
