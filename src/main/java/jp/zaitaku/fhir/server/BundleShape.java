package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * A transaction or batch must say what it is and what each entry does before HAPI runs it: a
 * {@code type}; for every entry a {@code request} with a known method and a URL; a POST's resource of
 * the type its URL names; a PUT's resource of the type and id its URL names. HAPI would store a
 * Patient POSTed to {@code Observation}, ignore an id that disagrees with the URL, treat a Bundle
 * without type as a transaction, and fail an entry without request with a 500. Anything else is
 * refused with 400 naming the entry.
 */
@Component
@Interceptor
public class BundleShape implements FhirServerInterceptor {

	private static final Set<RestOperationTypeEnum> BUNDLES = Set.of(RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.BATCH);
	private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.BUNDLE_SHAPE)
	public void requireWhatEachEntryDoes(RequestDetails request, RestOperationTypeEnum operation) {
		if (!BUNDLES.contains(operation) || !(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		if (!bundle.hasType()) {
			throw new InvalidRequestException("Bundle.type is required: transaction or batch");
		}
		if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
			throw new InvalidRequestException("A Bundle of type " + bundle.getType().toCode()
					+ " cannot be processed here: POST to the FHIR base takes a transaction or a batch");
		}
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			checkEntry(bundle.getEntry().get(i), "Bundle.entry[" + i + "]");
		}
	}

	private static void checkEntry(Bundle.BundleEntryComponent entry, String where) {
		if (!entry.hasRequest()) {
			throw new InvalidRequestException(where + ".request is required in a transaction or batch");
		}
		String method = entry.getRequest().getMethodElement().getValueAsString();
		if (method == null || !METHODS.contains(method)) {
			throw new InvalidRequestException(where + ".request.method must be one of " + METHODS + (method == null ? "" : ", not " + method));
		}
		String url = entry.getRequest().getUrl();
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException(where + ".request.url is required");
		}
		if (!method.equals("POST") && !method.equals("PUT")) {
			return;
		}
		Resource resource = entry.getResource();
		if (resource == null) {
			if (method.equals("POST") && url.contains("$")) {
				return; // an operation, whose parameters may be given by the URL alone
			}
			throw new InvalidRequestException(where + ".resource is required for " + method);
		}
		String path = url.split("\\?", 2)[0];
		String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
		if (segments.length > 0 && segments[segments.length - 1].startsWith("$")) {
			return; // an operation: its body is a Parameters resource
		}
		if (!resource.fhirType().equals(segments[0])) {
			throw new InvalidRequestException(where + ": a " + resource.fhirType() + " cannot be written to " + url);
		}
		if (method.equals("POST") && segments.length > 1) {
			throw new InvalidRequestException(where + ": POST " + url + " names an instance; POST creates at a type (" + segments[0] + ")");
		}
		if (method.equals("PUT") && segments.length == 2 && resource.hasIdElement()
				&& !segments[1].equals(resource.getIdElement().getIdPart())) {
			throw new InvalidRequestException(where + ": the resource's id " + resource.getIdElement().getIdPart()
					+ " is not the id of " + url);
		}
	}
}
