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
 * Refuses a query string with broken percent-encoding ({@code ?name=%E7%9} or a bare {@code %})
 * with 400. HAPI would fail to decode it deep inside and answer 500.
 */
class MalformedQueryFilter extends OncePerRequestFilter {

	/** A % not followed by two hex digits. */
	private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

	private final FhirContext fhirContext;

	MalformedQueryFilter(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query != null && BROKEN_ESCAPE.matcher(query).find()) {
			OperationOutcomeResponse.write(response, fhirContext, 400, OperationOutcome.IssueType.INVALID,
					"The query string has a malformed percent-encoding (a % must be followed by two hex digits)");
			return;
		}
		chain.doFilter(request, response);
	}
}
