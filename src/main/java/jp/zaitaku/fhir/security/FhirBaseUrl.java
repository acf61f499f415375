package jp.zaitaku.fhir.security;

import jp.zaitaku.fhir.server.FhirServerConfig;
import jp.zaitaku.fhir.server.FhirServerProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The issuer of our tokens and the FHIR base URL they are for. Both come from settings when the
 * server sits behind a proxy ({@code zaitaku.security.issuer}, else {@code zaitaku.server.public-base-url});
 * otherwise from the host the caller used, so a token fetched from one host name is only good for
 * that host name.
 */
@Component
public class FhirBaseUrl {

	public static final String FHIR_PATH = FhirServerConfig.FHIR_PATH;

	private final String configuredIssuer;

	public FhirBaseUrl(SecurityProperties security, FhirServerProperties server) {
		this.configuredIssuer = configuredIssuer(security.issuer(), server.publicBaseUrl());
	}

	private static String configuredIssuer(String issuer, String publicBaseUrl) {
		if (!issuer.isBlank()) {
			return stripTrailingSlash(issuer);
		}
		String base = stripTrailingSlash(publicBaseUrl);
		return base.endsWith(FHIR_PATH) ? base.substring(0, base.length() - FHIR_PATH.length()) : "";
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** The configured issuer, or empty when it is taken from each request. */
	public String configuredIssuer() {
		return configuredIssuer;
	}

	/** The issuer for the request being handled (only on a request thread). */
	public String issuer() {
		return configuredIssuer.isEmpty()
				? ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).build().toUriString()
				: configuredIssuer;
	}

	/** The FHIR base URL for the request being handled: the audience our access tokens must name. */
	public String fhirBase() {
		return issuer() + FHIR_PATH;
	}
}
