package jp.zaitaku.fhir.server;

import io.swagger.v3.oas.models.OpenAPI;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * What a part of the server adds to the OpenAPI document (security adds its OAuth 2.0 scheme, so
 * Swagger UI can get a token). The document is generated once per page and kept for every host, so
 * a contribution writes host-dependent URLs as placeholders and says what they are for each request.
 */
public interface OpenApiContribution {

	/** Adds to a freshly generated document. */
	void contribute(OpenAPI document);

	/** Placeholder → value for the request being answered (on its thread). */
	Map<String, String> placeholders(HttpServletRequest request);
}
