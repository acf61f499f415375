package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Refuses the NUL character in search parameters and resource bodies. FHIR strings may not contain
 * it, and PostgreSQL cannot store or compare it in text, so it would otherwise fail in the database
 * as a 500.
 */
@Component
@Interceptor
public class NulCharacterInterceptor implements FhirServerInterceptor {

	private static final String JSON_ESCAPED_NUL = "\\u0000";

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.REFUSE_NUL_CHARACTERS)
	public boolean refuseNul(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (parameters != null && parameters.entrySet().stream().anyMatch(e -> hasNul(e.getKey())
				|| Arrays.stream(e.getValue()).anyMatch(NulCharacterInterceptor::hasNul))) {
			throw new InvalidRequestException("Search parameters may not contain the NUL character");
		}
		if (request.getRequestType() != null && request.getRequestType().name().matches("POST|PUT|PATCH")) {
			byte[] body = request.loadRequestContents();
			if (body != null && bodyHasNul(body)) {
				throw new InvalidRequestException("FHIR strings may not contain the NUL character (U+0000)");
			}
		}
		return true;
	}

	private static boolean hasNul(String value) {
		return value != null && value.indexOf('\0') >= 0;
	}

	static boolean bodyHasNul(byte[] body) {
		for (byte b : body) {
			if (b == 0) {
				return true;
			}
		}
		return new String(body, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT).contains(JSON_ESCAPED_NUL);
	}
}
