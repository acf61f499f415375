package jp.zaitaku.fhir.security.scopes;

import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import java.util.List;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Two holes HAPI's scope rules leave open on writes, closed here:
 * <ul>
 *   <li>A resource is in a patient's compartment through any of several references (a CareTeam
 *       through {@code participant}, an Observation through {@code performer}), so a token bound to
 *       one patient could write a resource that belongs to another patient but mentions its own. A
 *       patient-bound token may therefore only write (and delete) resources whose Patient references
 *       all point to its own patient.
 *   <li>A conditional create ({@code If-None-Exist}, or a bundle entry's {@code ifNoneExist}) answers
 *       with the existing resource when one matches: it is a search, so it needs a scope that may
 *       search that type.
 * </ul>
 */
@Component
@SecurityEnabled
class WriteScopeGuard implements FhirServerInterceptor {

	private final FhirContext fhirContext;

	WriteScopeGuard(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.CONDITIONAL_CREATE_NEEDS_SEARCH_SCOPE)
	public void conditionalCreateNeedsSearch(RequestDetails request, RestOperationTypeEnum operation) {
		JwtAuthenticationToken token = token();
		if (token == null) {
			return;
		}
		if (operation == RestOperationTypeEnum.CREATE && request.getHeader("If-None-Exist") != null) {
			requireSearch(token, request.getResourceName());
		}
		if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
				&& request.getResource() instanceof IBaseBundle bundle) {
			// The same rule for each entry's ifNoneExist.
			for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhirContext, bundle)) {
				if (entry.getRequestType() == RequestTypeEnum.POST && entry.getConditionalUrl() != null && entry.getResource() != null) {
					requireSearch(token, fhirContext.getResourceType(entry.getResource()));
				}
			}
		}
	}

	private static void requireSearch(JwtAuthenticationToken token, String type) {
		boolean maySearch = TokenScopes.of(token.getToken()).stream().map(SmartScope::parse).flatMap(java.util.Optional::stream)
				.anyMatch(scope -> scope.allows('s') && (scope.resourceType().equals("*") || scope.resourceType().equals(type)));
		if (!maySearch) {
			throw denied("a conditional create (If-None-Exist) searches " + type + ": it needs a scope that may search it");
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.PATIENT_BOUND_WRITES)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		onlyOwnPatient(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.PATIENT_BOUND_WRITES)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		onlyOwnPatient(oldResource, request);
		onlyOwnPatient(newResource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = InterceptorOrder.PATIENT_BOUND_WRITES)
	public void beforeDelete(IBaseResource resource, RequestDetails request) {
		onlyOwnPatient(resource, request);
	}

	private void onlyOwnPatient(IBaseResource resource, RequestDetails request) {
		if (resource == null || request == null || request instanceof SystemRequestDetails) {
			return;
		}
		JwtAuthenticationToken token = token();
		String patient = token == null ? null : token.getToken().getClaimAsString("patient");
		if (patient == null || !patientBoundOnly(token)) {
			return;
		}
		if ("Patient".equals(fhirContext.getResourceType(resource)) && resource.getIdElement().hasIdPart()
				&& !patient.equals(resource.getIdElement().getIdPart())) {
			throw denied("this token is for Patient/" + patient + " only");
		}
		List<ResourceReferenceInfo> references = fhirContext.newTerser().getAllResourceReferences(resource);
		for (ResourceReferenceInfo reference : references) {
			IIdType target = reference.getResourceReference().getReferenceElement();
			if ("Patient".equals(target.getResourceType()) && target.hasIdPart() && !patient.equals(target.getIdPart())) {
				throw denied("this token is for Patient/" + patient + " only: " + reference.getName() + " names another patient");
			}
		}
	}

	/** A token whose resource scopes are all patient/ ones: a system/ or user/ scope is not bound to the patient. */
	private static boolean patientBoundOnly(JwtAuthenticationToken token) {
		return TokenScopes.of(token.getToken()).stream().noneMatch(scope -> scope.startsWith("system/") || scope.startsWith("user/"));
	}

	private static JwtAuthenticationToken token() {
		return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token ? token : null;
	}

	private static ForbiddenOperationException denied(String why) {
		ForbiddenOperationException denied = new ForbiddenOperationException("Access denied: " + why + ".");
		denied.addResponseHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
		return denied;
	}
}
