package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
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

	/**
	 * Set while HAPI finds the results of a search narrowed by the caller's reach List. Those results
	 * are the caller's patients' records by the search's own SQL (PatientReachNarrowing), so checking
	 * them here would only load every one of them a second time (a fifth of such a search's time);
	 * they are checked when shown instead. Only the first check after the search starts is skipped:
	 * HAPI checks the results before it loads any {@code _include}/{@code _revinclude}d resource, and
	 * those are checked here as always (a synchronous search, e.g. with {@code _offset}, has no
	 * "pass complete" to end the window).
	 */
	private static final String LIST_NARROWED_RESULTS_PENDING = PatientReachFilter.class.getName() + ".listNarrowedResultsPending";

	private final CallerAccesses accesses;
	private final PatientReach reach;

	PatientReachFilter(CallerAccesses accesses, PatientReach reach) {
		this.accesses = accesses;
		this.reach = reach;
	}

	/**
	 * Shown resources are checked again where the access check below did not see them all: the pages
	 * of a search after the first (loaded without it; it ran when the search did, for whoever started
	 * it), and every page of a search narrowed by the caller's reach List, whose own results skip it.
	 */
	@Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = InterceptorOrder.HIDE_WHAT_IS_NOT_REACHED)
	public void hideWhatIsNotReachedOnEveryPage(RequestDetails request, IPreResourceShowDetails resources) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE
				&& PatientReachNarrowing.addedParameter(request) == null)) {
			return;
		}
		for (int i = 0; i < resources.size(); i++) {
			if (resources.getResource(i) != null && !reach.mayRead(access, resources.getResource(i))) {
				resources.setResource(i, null);
			}
		}
	}

	/**
	 * HAPI (8.8) runs a search's first pass in the request's own thread: registered, then its results
	 * found and checked, then the pass completes (or fails), and only then are includes loaded. The
	 * pass hooks end the window even if the results were never checked (none found).
	 */
	@Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = InterceptorOrder.MARK_LIST_NARROWED_SEARCH)
	public void listNarrowedSearchStarts(RequestDetails request) {
		if (request != null && request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
				&& PatientReachNarrowing.addedParameter(request) != null) {
			request.getUserData().put(LIST_NARROWED_RESULTS_PENDING, Boolean.TRUE);
		}
	}

	@Hook(value = Pointcut.JPA_PERFTRACE_SEARCH_PASS_COMPLETE, order = InterceptorOrder.MARK_LIST_NARROWED_SEARCH)
	public void searchPassCompleted(RequestDetails request) {
		resultsFound(request);
	}

	@Hook(value = Pointcut.JPA_PERFTRACE_SEARCH_COMPLETE, order = InterceptorOrder.MARK_LIST_NARROWED_SEARCH)
	public void searchCompleted(RequestDetails request) {
		resultsFound(request);
	}

	@Hook(value = Pointcut.JPA_PERFTRACE_SEARCH_FAILED, order = InterceptorOrder.MARK_LIST_NARROWED_SEARCH)
	public void searchFailed(RequestDetails request) {
		resultsFound(request);
	}

	private static void resultsFound(RequestDetails request) {
		if (request != null) {
			request.getUserData().remove(LIST_NARROWED_RESULTS_PENDING);
		}
	}

	@Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = InterceptorOrder.HIDE_WHAT_IS_NOT_REACHED)
	public void hideWhatIsNotReached(RequestDetails request, IPreResourceAccessDetails resources) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || WRITES.contains(request.getRestOperationType())
				|| request.getUserData().remove(LIST_NARROWED_RESULTS_PENDING) != null) {
			return;
		}
		for (int i = 0; i < resources.size(); i++) {
			if (resources.getResource(i) != null && !reach.mayRead(access, resources.getResource(i))) {
				resources.setDontReturnResourceAtIndex(i);
			}
		}
	}
}
