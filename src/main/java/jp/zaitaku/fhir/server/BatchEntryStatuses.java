package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * A batch entry's status follows the rules of the same request sent alone: HAPI answers an entry whose
 * search has a malformed value ({@code birthdate=xx2020}) with "500 Internal Server Error" inside the
 * 200 batch response, where the plain request gets 400 ({@link ClientErrorInterceptor}). Such entries
 * become "400 Bad Request".
 */
@Component
@Interceptor
public class BatchEntryStatuses implements FhirServerInterceptor {

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.BATCH_ENTRY_INPUT_FAILURES_ARE_400)
	public boolean inputFailuresAre400(IBaseResource response) {
		if (response instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCHRESPONSE) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResponse().getStatus() != null && entry.getResponse().getStatus().startsWith("500")
						&& entry.getResponse().getOutcome() instanceof OperationOutcome outcome
						&& outcome.getIssue().stream().anyMatch(issue -> ClientErrorInterceptor.isInputCheckMessage(issue.getDiagnostics()))) {
					entry.getResponse().setStatus("400 Bad Request");
					outcome.getIssue().forEach(issue -> issue.setCode(OperationOutcome.IssueType.INVALID));
				}
			}
		}
		return true;
	}
}
