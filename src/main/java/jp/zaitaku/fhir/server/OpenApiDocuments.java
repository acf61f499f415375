package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * HAPI's OpenAPI interceptor ({@code /fhir/api-docs}, {@code /fhir/swagger-ui/}), with three things
 * it lacks:
 * <ul>
 *   <li>the document in UTF-8 (HAPI sends it without a charset, so the guide's Japanese arrives as
 *       {@code ???});
 *   <li>generated once per page and kept: the whole-server page is 5.7 MB and takes HAPI seconds to
 *       build, and only the host it names differs between callers, so it is kept with placeholders
 *       and the caller's URLs are put in when it is sent ({@link OpenApiContribution});
 *   <li>a Swagger UI page of our own ({@link SwaggerUiPage}) that can get a token: security's OAuth
 *       2.0 scheme (client credentials, authorization code with PKCE), one page per resource type.
 * </ul>
 */
@Component
@Interceptor(order = InterceptorOrder.SERVE_OPENAPI)
class OpenApiDocuments extends OpenApiInterceptor implements FhirServerInterceptor {

	/** The FHIR base in a kept document; replaced by the caller's. */
	static final String FHIR_BASE_PLACEHOLDER = "https://fhir-base.zaitaku.invalid/fhir";
	/** A document is made again after this long (custom SearchParameters can change it). */
	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(30);
	private static final int MAX_PAGES = 256;

	private record Kept(String yaml, Instant madeAt) {}

	private final Map<String, Kept> pages = new ConcurrentHashMap<>();
	private final List<OpenApiContribution> contributions;
	private final SwaggerUiPage swaggerUiPage;
	private final Clock clock;

	OpenApiDocuments(List<OpenApiContribution> contributions, SwaggerUiPage swaggerUiPage, Clock clock) {
		this.contributions = contributions;
		this.swaggerUiPage = swaggerUiPage;
		this.clock = clock;
	}

	@Override
	public boolean serveSwaggerUi(HttpServletRequest request, HttpServletResponse response, ServletRequestDetails details)
			throws IOException {
		if (!"/api-docs".equals(request.getPathInfo())) {
			return super.serveSwaggerUi(request, response, details);
		}
		String yaml = forThisCaller(keptPage(details), request, details);
		byte[] body = yaml.getBytes(StandardCharsets.UTF_8);
		response.setStatus(200);
		response.setContentType("application/yaml;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.getOutputStream().close();
		return false;
	}

	@Override
	protected boolean handleResourceRequest(HttpServletResponse response, ServletRequestDetails details, String path)
			throws IOException {
		if (path.equals("/swagger-ui/") || path.equals("/swagger-ui/index.html")) {
			swaggerUiPage.write(response);
			return true;
		}
		return super.handleResourceRequest(response, details, path);
	}

	private String keptPage(ServletRequestDetails details) {
		String[] page = details.getParameters().get("page");
		String key = page == null || page.length == 0 ? "" : page[0];
		Kept kept = pages.get(key);
		Instant now = clock.instant();
		if (kept == null || kept.madeAt().plus(TIME_TO_LIVE).isBefore(now)) {
			if (pages.size() >= MAX_PAGES) {
				pages.clear(); // odd page names must not grow this without bound
			}
			kept = new Kept(generate(details), now);
			pages.put(key, kept);
		}
		return kept.yaml();
	}

	private String generate(ServletRequestDetails details) {
		OpenAPI document = super.generateOpenApi(details);
		document.setServers(List.of(new Server().url(FHIR_BASE_PLACEHOLDER).description(FhirServerConfig.SERVER_NAME)));
		contributions.forEach(contribution -> contribution.contribute(document));
		return Yaml.pretty(document);
	}

	private String forThisCaller(String yaml, HttpServletRequest request, ServletRequestDetails details) {
		String result = yaml.replace(FHIR_BASE_PLACEHOLDER, stripTrailingSlash(details.getFhirServerBase()));
		for (OpenApiContribution contribution : contributions) {
			for (Map.Entry<String, String> placeholder : contribution.placeholders(request).entrySet()) {
				result = result.replace(placeholder.getKey(), placeholder.getValue());
			}
		}
		return result;
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
