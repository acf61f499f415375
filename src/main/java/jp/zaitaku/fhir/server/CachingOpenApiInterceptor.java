package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.swagger.v3.oas.models.OpenAPI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HAPI's OpenAPI interceptor, remembering what it generated. HAPI builds the whole description (about
 * 6 MB for 146 resource types) on every call, which took ~11 s here; it only changes when the
 * server's capabilities do, so a copy per URL is kept for a few minutes.
 */
@Interceptor(order = InterceptorOrder.SERVE_OPENAPI)
class CachingOpenApiInterceptor extends OpenApiInterceptor {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);
	private static final int MAX_ENTRIES = 64;

	private record Generated(OpenAPI openApi, long atMillis) {}

	private final Map<String, Generated> cache = new ConcurrentHashMap<>();

	@Override
	protected OpenAPI generateOpenApi(ServletRequestDetails request) {
		String key = request.getCompleteUrl();
		long now = System.currentTimeMillis();
		Generated cached = cache.get(key);
		if (cached != null && now - cached.atMillis() < TIME_TO_LIVE.toMillis()) {
			return cached.openApi();
		}
		OpenAPI generated = super.generateOpenApi(request);
		if (cache.size() >= MAX_ENTRIES) {
			cache.clear(); // odd URLs (query strings) must not grow this without bound
		}
		cache.put(key, new Generated(generated, now));
		return generated;
	}
}
