package jp.zaitaku.fhir.security.resourceserver;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A FHIR request without a valid access token: 401 with {@code WWW-Authenticate: Bearer ...} (what
 * OAuth clients look for) and an OperationOutcome body (what FHIR clients look for).
 */
final class BearerTokenEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
	private final FhirContext fhirContext;

	BearerTokenEntryPoint(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		bearer.setRealmName("zaitaku-fhir");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException problem)
			throws IOException {
		bearer.commence(request, response, problem);
		boolean tokenSent = request.getHeader("Authorization") != null;
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.LOGIN)
				.setDiagnostics(tokenSent
						? "The access token is not valid here: " + problem.getMessage()
						: "An access token is required: send Authorization: Bearer <token> (see /fhir/.well-known/smart-configuration).");
		response.setContentType("application/fhir+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
