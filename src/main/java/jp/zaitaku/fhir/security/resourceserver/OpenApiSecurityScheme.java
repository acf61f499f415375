package jp.zaitaku.fhir.security.resourceserver;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.server.OpenApiContribution;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document's security: SMART on FHIR as an OAuth 2.0 scheme, so Swagger UI's "Authorize"
 * gets a token: client credentials for a backend client (its id and secret), authorization code with
 * PKCE for a person through a registered app (see docs/security.md, "Swagger UI").
 */
@Component
@SecurityEnabled
class OpenApiSecurityScheme implements OpenApiContribution {

	static final String SCHEME = "smart-on-fhir";
	/** The issuer in a kept document; replaced by the caller's. */
	private static final String ISSUER_PLACEHOLDER = "https://issuer.zaitaku.invalid";

	private final FhirBaseUrl urls;
	private final SecurityProperties.ExternalIssuer external;

	OpenApiSecurityScheme(FhirBaseUrl urls, SecurityProperties properties) {
		this.urls = urls;
		this.external = properties.external();
	}

	@Override
	public void contribute(OpenAPI document) {
		String tokenUrl = external.configured() ? external.tokenEndpoint() : ISSUER_PLACEHOLDER + "/oauth2/token";
		String authorizationUrl = external.configured() ? external.authorizationEndpoint() : ISSUER_PLACEHOLDER + "/oauth2/authorize";
		OAuthFlows flows = new OAuthFlows()
				.clientCredentials(new OAuthFlow().tokenUrl(tokenUrl).scopes(new Scopes()
						.addString("system/*.rs", "read and search everything / すべてを読む・検索する")
						.addString("system/*.cruds", "everything / すべての操作")))
				.authorizationCode(new OAuthFlow().authorizationUrl(authorizationUrl).tokenUrl(tokenUrl).scopes(new Scopes()
						.addString("openid", "who signed in / ログインした人")
						.addString("fhirUser", "the person's Practitioner or RelatedPerson / 本人のリソース")
						.addString("user/*.rs", "read and search what the person may see / 本人が見られる範囲を読む")
						.addString("user/*.cruds", "everything the person may do / 本人ができるすべての操作")));
		if (document.getComponents() == null) {
			document.setComponents(new Components());
		}
		document.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
				.type(SecurityScheme.Type.OAUTH2)
				.description("SMART on FHIR. Backend clients: client credentials with the client's id and secret."
						+ " People: authorization code with PKCE through an app registered with this page's"
						+ " oauth2-redirect.html as redirect URI. / SMART on FHIR で認可します。")
				.flows(flows));
		document.addSecurityItem(new SecurityRequirement().addList(SCHEME));
	}

	@Override
	public Map<String, String> placeholders(HttpServletRequest request) {
		return Map.of(ISSUER_PLACEHOLDER, urls.issuer());
	}
}
