package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/swagger-ui/}: Swagger UI (the bundle HAPI serves from its webjar) with one OpenAPI page
 * per resource type, the home-care types first, and OAuth 2.0 set up for this server: authorization
 * code with PKCE and the SMART {@code aud} parameter, so "Authorize" gets a real token. All URLs are
 * relative to the page, so it works behind any host name or proxy path.
 */
@Component
class SwaggerUiPage {

	/** HAPI's names for the pages of server-level operations and of everything at once. */
	private static final String SYSTEM_PAGE = "System Level Operations";
	private static final String ALL_PAGE = "All";
	private static final List<String> HOME_CARE_TYPES = List.of("Patient", "CareTeam", "CarePlan", "Encounter",
			"Communication", "Practitioner", "PractitionerRole", "Organization", "RelatedPerson", "HealthcareService",
			"Consent", "ServiceRequest", "Task", "Coverage", "Observation", "AuditEvent");

	private final byte[] page;

	SwaggerUiPage(FhirContext fhirContext) {
		List<String> pages = new ArrayList<>(HOME_CARE_TYPES);
		new TreeSet<>(fhirContext.getResourceTypes()).stream().filter(type -> !pages.contains(type)).forEach(pages::add);
		pages.add(SYSTEM_PAGE);
		pages.add(ALL_PAGE);
		String names = pages.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(","));
		this.page = """
				<!DOCTYPE html>
				<html lang="ja"><head><meta charset="utf-8"><title>Zaitaku FHIR API</title>
				<link rel="stylesheet" href="./swagger-ui.css"></head>
				<body><div id="swagger-ui"></div>
				<script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
				<script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
				<script>
				window.onload = function () {
				  const here = window.location.href;
				  const fhirBase = new URL("..", here).href.replace(/\\/$/, "");
				  const pages = [%s];
				  const ui = SwaggerUIBundle({
				    urls: pages.map(function (name) { return {name: name, url: "../api-docs?page=" + encodeURIComponent(name)}; }),
				    "urls.primaryName": "Patient",
				    dom_id: "#swagger-ui",
				    deepLinking: true,
				    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
				    layout: "StandaloneLayout",
				    oauth2RedirectUrl: new URL("oauth2-redirect.html", here).href
				  });
				  // SMART on FHIR: PKCE, and the FHIR base as the token's audience.
				  ui.initOAuth({usePkceWithAuthorizationCodeGrant: true, scopeSeparator: " ",
				    additionalQueryStringParams: {aud: fhirBase}});
				  window.ui = ui;
				};
				</script></body></html>
				""".formatted(names).getBytes(StandardCharsets.UTF_8);
	}

	void write(HttpServletResponse response) throws IOException {
		response.setStatus(200);
		response.setContentType("text/html;charset=UTF-8");
		response.setContentLength(page.length);
		response.getOutputStream().write(page);
		response.getOutputStream().close();
	}
}
