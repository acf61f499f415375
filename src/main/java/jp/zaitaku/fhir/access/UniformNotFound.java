package jp.zaitaku.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
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

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = 1000)
	public BaseServerResponseException sameForHiddenAndMissing(RequestDetails request, Throwable exception) {
		if (!(exception instanceof ResourceNotFoundException notFound) || accesses.of(request).reachesEveryPatient()) {
			return exception instanceof BaseServerResponseException known ? known : null;
		}
		Matcher resource = RESOURCE.matcher(String.valueOf(notFound.getMessage()));
		return resource.find() ? new ResourceNotFoundException("Resource " + resource.group(1) + " is not known") : notFound;
	}
}
