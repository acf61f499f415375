package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DeleteConflict;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * A delete refused because other resources still refer to the resource (409) names the first of them
 * in HAPI's message ("… resource Observation/123 in path Observation.derivedFrom"). When that resource
 * is one the caller may not see, the message would tell them it exists and what it is; the refusal
 * then says only that other records refer to it.
 */
@Component
class HiddenDeleteConflicts implements FhirServerInterceptor {

	private final CallerAccesses accesses;
	private final PatientReach reach;
	private final DaoRegistry daos;

	HiddenDeleteConflicts(CallerAccesses accesses, PatientReach reach, DaoRegistry daos) {
		this.accesses = accesses;
		this.reach = reach;
		this.daos = daos;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS, order = InterceptorOrder.HIDE_DELETE_CONFLICT_SOURCES)
	public DeleteConflictOutcome refuseWithoutNamingHiddenResources(DeleteConflictList conflicts, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient()) {
			return null; // HAPI's own message, naming the referring resource
		}
		for (DeleteConflict conflict : conflicts) {
			if (!visible(access, conflict)) {
				throw new ResourceVersionConflictException("Unable to delete " + conflict.getTargetId().toUnqualifiedVersionless().getValue()
						+ ": other records still refer to it (参照している記録があるため削除できません).");
			}
		}
		return null;
	}

	private boolean visible(CallerAccess access, DeleteConflict conflict) {
		String type = conflict.getSourceId().getResourceType();
		if (type == null || !daos.isResourceTypeSupported(type)) {
			return false;
		}
		try {
			IBaseResource source = daos.getResourceDao(type).read(conflict.getSourceId().toUnqualifiedVersionless(),
					new SystemRequestDetails());
			return reach.mayRead(access, source);
		} catch (BaseServerResponseException missingOrGone) {
			return false;
		}
	}
}
