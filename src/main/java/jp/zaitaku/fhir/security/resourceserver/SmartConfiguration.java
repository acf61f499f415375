package jp.zaitaku.fhir.security.resourceserver;

import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /fhir/.well-known/smart-configuration}: where SMART clients find our authorization
 * server and what it supports (SMART App Launch 2.x, "Metadata"). A servlet of its own on the exact
 * path, which takes precedence over HAPI's {@code /fhir/*}.
 */
@Configuration(proxyBeanMethods = false)
@SecurityEnabled
public class SmartConfiguration {

	static final String PATH = FhirBaseUrl.FHIR_PATH + "/.well-known/smart-configuration";

	/** What the server can do today; a capability is listed only once a test proves it. */
	static final List<String> CAPABILITIES = List.of(
			"launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
			"sso-openid-connect", "context-ehr-patient", "context-ehr-encounter", "context-standalone-patient", "context-banner", "permission-offline", "permission-online",
			"permission-patient", "permission-v1", "permission-v2");
	static final List<String> SCOPES = List.of("openid", "fhirUser", "launch", "launch/patient", "offline_access", "online_access",
			"patient/*.rs", "patient/*.cruds", "system/*.rs", "system/*.cruds", "patient/*.read", "system/*.read");

	@Bean
	ServletRegistrationBean<HttpServlet> smartConfigurationServlet(FhirBaseUrl urls, SecurityProperties properties) {
		ServletRegistrationBean<HttpServlet> registration =
				new ServletRegistrationBean<>(new SmartConfigurationServlet(urls, properties.external()), PATH);
		registration.setName("smart-configuration");
		return registration;
	}

	/** The document for the issuer of the current request. */
	static Map<String, Object> document(String issuer) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + "/oauth2/jwks");
		document.put("authorization_endpoint", issuer + "/oauth2/authorize");
		document.put("token_endpoint", issuer + "/oauth2/token");
		document.put("introspection_endpoint", issuer + "/oauth2/introspect");
		document.put("revocation_endpoint", issuer + "/oauth2/revoke");
		document.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
		document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic", "none"));
		document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		document.put("scopes_supported", SCOPES);
		document.put("response_types_supported", List.of("code"));
		document.put("userinfo_endpoint", issuer + "/userinfo");
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("capabilities", CAPABILITIES);
		return document;
	}

	/** With an external issuer: its endpoints, and only what this server itself guarantees. */
	static Map<String, Object> externalDocument(SecurityProperties.ExternalIssuer external) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", external.issuer());
		document.put("jwks_uri", external.jwksUri());
		document.put("authorization_endpoint", external.authorizationEndpoint());
		document.put("token_endpoint", external.tokenEndpoint());
		document.put("capabilities", List.of("permission-v1", "permission-v2", "permission-patient"));
		return document;
	}

	private static final class SmartConfigurationServlet extends HttpServlet {
		private static final ObjectMapper JSON = new ObjectMapper();
		private final transient FhirBaseUrl urls;
		private final transient SecurityProperties.ExternalIssuer external;

		SmartConfigurationServlet(FhirBaseUrl urls, SecurityProperties.ExternalIssuer external) {
			this.urls = urls;
			this.external = external;
		}

		@Override
		protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
			response.setContentType("application/json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			// Built from the request's host when no issuer is configured: then not for shared caches.
			boolean sameForEveryone = external.configured() || !urls.configuredIssuer().isEmpty();
			response.setHeader("Cache-Control", (sameForEveryone ? "public" : "private") + ", max-age=3600");
			JSON.writeValue(response.getOutputStream(), external.configured() ? externalDocument(external) : document(urls.issuer()));
		}
	}
}
