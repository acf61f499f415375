package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * A resource hidden from the caller must look exactly like one that does not exist. HAPI words the
 * two differently (HAPI-1995 when access was refused after loading, HAPI-2001 or HAPI-0436 when it
 * was not found), so for callers who do not reach every patient every 404 about a resource gets the
 * same text.
 */
@Component
class UniformNotFound implements FhirServerInterceptor {

	private static final Pattern RESOURCE = Pattern.compile("Resource ([A-Za-z]+/[^ ]+) is not known");

	private final CallerAccesses accesses;

	UniformNotFound(CallerAccesses accesses) {
		this.accesses = accesses;
	}

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.UNIFORM_NOT_FOUND)
	public BaseServerResponseException sameForHiddenAndMissing(RequestDetails request, Throwable exception) {
		if (!(exception instanceof ResourceNotFoundException notFound) || accesses.of(request).reachesEveryPatient()) {
			return exception instanceof BaseServerResponseException known ? known : null;
		}
		String uniform = uniformText(notFound.getMessage());
		return uniform != null ? new ResourceNotFoundException(uniform) : notFound;
	}

	/** The same for the entries of a batch, which HAPI answers one by one inside a 200. */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.UNIFORM_NOT_FOUND_IN_BATCHES)
	public boolean sameInBatchEntries(RequestDetails request, IBaseResource response) {
		if (response instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCHRESPONSE
				&& !accesses.of(request).reachesEveryPatient()) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResponse().getOutcome() instanceof OperationOutcome outcome && entry.getResponse().getStatus() != null
						&& entry.getResponse().getStatus().startsWith("404")) {
					outcome.getIssue().forEach(issue -> {
						String uniform = uniformText(issue.getDiagnostics());
						if (uniform != null) {
							issue.setDiagnostics(uniform);
						}
					});
				}
			}
		}
		return true;
	}

	/** {@code Resource Observation/123 is not known}, without HAPI's message code; null for other texts. */
	private static String uniformText(String message) {
		Matcher resource = RESOURCE.matcher(String.valueOf(message));
		return resource.find() ? "Resource " + resource.group(1) + " is not known" : null;
	}
}
