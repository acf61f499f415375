package jp.zaitaku.fhir.security.resourceserver;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import jp.zaitaku.fhir.server.OperationOutcomeResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses request paths with encoded slashes, {@code ;}, {@code //} and the
 * like before any FHIR code runs; the caller still gets a 400 OperationOutcome, not a bare error page.
 */
@Component
class FirewallRejectionHandler implements RequestRejectedHandler {

	/** The methods the firewall lets through (its default list). */
	private static final List<String> HTTP_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private final FhirContext fhirContext;

	FirewallRejectionHandler(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (!HTTP_METHODS.contains(request.getMethod())) {
			response.setHeader("Allow", String.join(", ", HTTP_METHODS));
			OperationOutcomeResponse.write(response, fhirContext, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					OperationOutcome.IssueType.NOTSUPPORTED, "HTTP method " + request.getMethod() + " is not supported.");
			return;
		}
		OperationOutcomeResponse.write(response, fhirContext, HttpServletResponse.SC_BAD_REQUEST,
				OperationOutcome.IssueType.INVALID, "The request URL is not acceptable: " + rejected.getMessage());
	}
}
