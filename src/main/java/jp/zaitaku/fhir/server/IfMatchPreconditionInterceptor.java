package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.springframework.stereotype.Component;

/**
 * Answers a stale {@code If-Match} with 412 Precondition Failed, as FHIR's version-aware update
 * prescribes; HAPI reports it as a 409 version conflict. A 409 without {@code If-Match} (two
 * writers racing) stays a 409.
 */
@Component
@Interceptor
public class IfMatchPreconditionInterceptor implements FhirServerInterceptor {

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.STALE_IF_MATCH_IS_412)
	public BaseServerResponseException staleIfMatchIsAFailedPrecondition(
			RequestDetails request, Throwable exception) {
		if (exception instanceof ResourceVersionConflictException conflict
				&& request.getHeader(Constants.HEADER_IF_MATCH) != null) {
			PreconditionFailedException failed = new PreconditionFailedException(conflict.getMessage());
			failed.setOperationOutcome(conflict.getOperationOutcome());
			return failed;
		}
		return null;
	}
}
