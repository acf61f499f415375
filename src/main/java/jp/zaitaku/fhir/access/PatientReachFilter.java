package jp.zaitaku.fhir.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.EnumSet;
import java.util.Set;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Every resource the storage layer is about to hand to a caller — a read, a vread, each search
 * result, each {@code _include}d and {@code _revinclude}d resource, each history version, each
 * {@code $everything} entry, each entry read in a batch — is dropped unless the caller reaches it.
 * A dropped read answers 404, as if the resource did not exist; a dropped search entry is simply
 * absent.
 */
@Component
class PatientReachFilter implements FhirServerInterceptor {

	/**
	 * A write passes the resource it stores through these hooks too, and a resource hidden there is
	 * left half-written (no current version). What a write may touch is PatientReachWriteGuard's job.
	 */
	private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE, RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.BATCH);

	private final CallerAccesses accesses;
	private final PatientReach reach;

	PatientReachFilter(CallerAccesses accesses, PatientReach reach) {
		this.accesses = accesses;
		this.reach = reach;
	}

	/**
	 * The pages of a search after the first are loaded without the access check above (it ran when
	 * the search did, for whoever started it), so what is shown is checked again. Only for pages.
	 */
	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void hideWhatIsNotReachedOnEveryPage(RequestDetails request, IPreResourceShowDetails resources) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE) {
			return;
		}
		for (int i = 0; i < resources.size(); i++) {
			if (resources.getResource(i) != null && !reach.mayRead(access, resources.getResource(i))) {
				resources.setResource(i, null);
			}
		}
	}

	@Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
	public void hideWhatIsNotReached(RequestDetails request, IPreResourceAccessDetails resources) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || WRITES.contains(request.getRestOperationType())) {
			return;
		}
		for (int i = 0; i < resources.size(); i++) {
			if (resources.getResource(i) != null && !reach.mayRead(access, resources.getResource(i))) {
				resources.setDontReturnResourceAtIndex(i);
			}
		}
	}
}
