package jp.zaitaku.fhir.security;

import java.time.Duration;
import java.util.List;
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
 */
@ConfigurationProperties(prefix = "zaitaku.security")
public record SecurityProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("") String issuer,
		@DefaultValue("") String clientsFile,
		@DefaultValue("5m") Duration backendTokenLifetime,
		@DefaultValue("5m") Duration clientAssertionMaxLifetime,
		@DefaultValue("false") boolean allowHttpJwksUrls) {

	/** The property that switches security; its environment variable is ZAITAKU_SECURITY_ENABLED. */
	public static final String ENABLED = "zaitaku.security.enabled";

	/** The SMART scopes this server understands, published in its smart-configuration. */
	static final List<String> SUPPORTED_SCOPES = List.of("system/*.cruds", "system/*.rs", "system/*.read", "system/*.write");
}
