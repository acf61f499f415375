package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Writes an error OperationOutcome from code that runs before HAPI (servlet filters, the security firewall). */
public final class OperationOutcomeResponse {

	private OperationOutcomeResponse() {}

	public static void write(
			HttpServletResponse response,
			FhirContext fhirContext,
			int status,
			OperationOutcome.IssueType code,
			String diagnostics)
			throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
		response.setStatus(status);
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
