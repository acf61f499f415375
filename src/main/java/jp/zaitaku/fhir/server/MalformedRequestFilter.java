package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before HAPI, what HAPI would answer with a 5xx: a query string with broken
 * percent-encoding ({@code ?name=%E7%9} or a bare {@code %}; HAPI fails to decode it deep inside) gets
 * 400, and an HTTP method FHIR does not use gets 405 (the servlet default is 501).
 */
class MalformedRequestFilter extends OncePerRequestFilter {

	/** A % not followed by two hex digits. */
	private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

	private static final java.util.List<String> FHIR_METHODS =
			java.util.List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private final FhirContext fhirContext;

	MalformedRequestFilter(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!FHIR_METHODS.contains(request.getMethod())) {
			response.setHeader("Allow", String.join(", ", FHIR_METHODS));
			OperationOutcomeResponse.write(response, fhirContext, 405, OperationOutcome.IssueType.NOTSUPPORTED,
					"HTTP method " + request.getMethod() + " is not used by FHIR");
			return;
		}
		String query = request.getQueryString();
		if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
			OperationOutcomeResponse.write(response, fhirContext, 400, OperationOutcome.IssueType.INVALID,
					"The query string has a malformed percent-encoding (a % must be followed by two hex digits)");
			return;
		}
		chain.doFilter(request, response);
	}
}
