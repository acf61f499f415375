package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
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
 * was not found, HAPI-0979 for a version that does not exist), so for callers who do not reach every
 * patient every 404 about a resource gets the same text, made from what was asked:
 * {@code Resource Observation/123 is not known}, or {@code …/123/_history/2 is not known} for a
 * version — whether the resource, the version or both are missing or hidden.
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
		String asked = request.getResourceName() != null && request.getId() != null && request.getId().hasIdPart()
				? notKnown(request.getResourceName() + "/" + request.getId().getIdPart()
						+ (request.getId().hasVersionIdPart() ? "/_history/" + request.getId().getVersionIdPart() : ""))
				: null;
		String uniform = asked != null ? asked : uniformText(notFound.getMessage());
		return uniform != null ? new ResourceNotFoundException(uniform) : notFound;
	}

	/** The same for the entries of a batch, which HAPI answers one by one inside a 200. */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.UNIFORM_NOT_FOUND_IN_BATCHES)
	public boolean sameInBatchEntries(RequestDetails request, IBaseResource response) {
		if (response instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.BATCHRESPONSE
				&& !accesses.of(request).reachesEveryPatient()) {
			List<Bundle.BundleEntryComponent> asked = request.getResource() instanceof Bundle batch
					&& batch.getEntry().size() == bundle.getEntry().size() ? batch.getEntry() : null;
			for (int i = 0; i < bundle.getEntry().size(); i++) {
				Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
				String instance = asked == null ? null : instanceOf(asked.get(i).getRequest().getUrl());
				if (entry.getResponse().getOutcome() instanceof OperationOutcome outcome && entry.getResponse().getStatus() != null
						&& entry.getResponse().getStatus().startsWith("404")) {
					outcome.getIssue().forEach(issue -> {
						String uniform = instance != null ? notKnown(instance) : uniformText(issue.getDiagnostics());
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
		return resource.find() ? notKnown(resource.group(1)) : null;
	}

	private static String notKnown(String instance) {
		return "Resource " + instance + " is not known";
	}

	/**
	 * The instance a bundle entry's URL is about: {@code Observation/123} for a read, an update, a
	 * delete, a history or an operation, {@code Observation/123/_history/2} for a version; null for
	 * a search or a type-level request.
	 */
	static String instanceOf(String url) {
		if (url == null) {
			return null;
		}
		String[] path = url.replaceAll("[?#].*", "").replaceAll("^/+", "").split("/");
		if (path.length < 2 || path[1].isEmpty() || path[1].startsWith("_") || path[1].startsWith("$")) {
			return null;
		}
		boolean version = path.length == 4 && path[2].equals("_history") && !path[3].isEmpty();
		return path[0] + "/" + path[1] + (version ? "/_history/" + path[3] : "");
	}
}
