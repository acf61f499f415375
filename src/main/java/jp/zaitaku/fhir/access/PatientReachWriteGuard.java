package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Resource;
import java.util.Set;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.stereotype.Component;

/**
 * What a caller who does not reach every patient may write: only resources of the types their kind
 * may write, only about patients they reach, naming no other patient, and pointing at no resource
 * they could not read — so no one can put data into another patient's record or link their own
 * record to a hidden one and read it back through {@code _include}. A new patient may be
 * registered, and its first care team written in the same request (enrolment at discharge).
 * Changing or deleting a resource the caller does not reach answers 404. Runs for every write,
 * transaction and batch entries included: types and the old version before anything is stored,
 * the new content just before commit (a refusal rolls the whole request back).
 */
@Component
class PatientReachWriteGuard implements FhirServerInterceptor {

	private static final String NEW_PATIENTS = PatientReachWriteGuard.class.getName() + ".newPatients";
	private static final String BUNDLE = PatientReachWriteGuard.class.getName() + ".bundle";
	private static final String READABLE_TARGETS = PatientReachWriteGuard.class.getName() + ".readableTargets";

	private final CallerAccesses accesses;
	private final PatientReach reach;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;

	PatientReachWriteGuard(CallerAccesses accesses, PatientReach reach, DaoRegistry daos, FhirContext fhirContext) {
		this.accesses = accesses;
		this.reach = reach;
		this.daos = daos;
		this.fhirContext = fhirContext;
	}

	/** Keeps a transaction's Bundle: its entries are written with sub-requests that share this request's data, not its body. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.KEEP_BUNDLE_FOR_WRITE_REACH)
	public void keepTheBundle(RequestDetails request) {
		if (request.getResource() instanceof IBaseBundle bundle) {
			request.getUserData().put(BUNDLE, bundle);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.WRITE_REACH)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient()) {
			return;
		}
		String type = fhirContext.getResourceType(resource);
		requireWritableType(access, type);
		claimIfOwned(access, type, resource);
		reach.refuseSearchReferences(resource);
		requireKnownTargets(access, resource, request);
		if (type.equals("Patient")) {
			newPatients(request).add(resource); // its id is assigned when it is stored
		}
	}

	/**
	 * Checked just before commit: inside a transaction, references between new entries
	 * ({@code urn:uuid:}) are only resolved by then, and the new patients have their ids.
	 */
	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = InterceptorOrder.WRITE_REACH_BEFORE_COMMIT)
	public void beforeCreateCommits(IBaseResource resource, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient()) {
			return;
		}
		// A new Patient too: its own id is reached (it is new), but a Patient.link to another patient is not.
		requireWithinReach(access, resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = InterceptorOrder.WRITE_REACH_BEFORE_COMMIT)
	public void beforeUpdateCommits(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (!access.reachesEveryPatient()) {
			requireWithinReach(access, newResource, request);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.WRITE_REACH)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient()) {
			return;
		}
		String type = fhirContext.getResourceType(newResource);
		if (oldResource != null && !reach.mayRead(access, oldResource)) {
			throw PatientReachRequestGuard.notFound(type, oldResource.getIdElement().getIdPart());
		}
		requireWritableType(access, type);
		claimIfOwned(access, type, newResource);
		reach.refuseSearchReferences(newResource);
		requireKnownTargets(access, newResource, request);
	}

	/** What a caller writes of an owned type is theirs, whatever owner tag they sent. */
	private void claimIfOwned(CallerAccess access, String type, IBaseResource resource) {
		if (reach.ruleOf(type).reach() == ReachRule.Reach.OWNED) {
			OwnedResources.claimFor(resource, access.who());
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = InterceptorOrder.WRITE_REACH)
	public void beforeDelete(IBaseResource resource, RequestDetails request) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient()) {
			return;
		}
		String type = fhirContext.getResourceType(resource);
		if (!reach.mayRead(access, resource)) {
			throw PatientReachRequestGuard.notFound(type, resource.getIdElement().getIdPart());
		}
		requireWritableType(access, type);
		// Every patient it is about must be the caller's (an Appointment of two patients is not one team's
		// to delete); a break-the-glass access only reads.
		if (!reach.mayRead(access.withoutEmergencyAccess(), resource)
				|| !access.patientIds().containsAll(reach.patientsOf(resource))) {
			throw PatientReachRequestGuard.forbidden("this " + type + " is also about patients you do not care for, or you only read them");
		}
	}

	private void requireWritableType(CallerAccess access, String type) {
		if (!reach.mayWriteType(access, type)) {
			throw PatientReachRequestGuard.forbidden("you may not write " + type + " resources");
		}
	}

	private void requireWithinReach(CallerAccess access, IBaseResource stored, RequestDetails request) {
		IBaseResource resource = withPlaceholdersResolved(stored, request);
		Set<String> reached = new HashSet<>(access.patientIds());
		newPatients(request).forEach(patient -> reached.add(patient.getIdElement().getIdPart()));
		// Break-the-glass access is read only: only team patients (and new ones) may be written.
		CallerAccess withNewPatients = access.withPatientIds(reached);
		requireAboutReachedPatients(withNewPatients, resource);
		Set<String> judged = readableTargets(request);
		judged.addAll(placeholderIds(request).values());
		requireTargets(withNewPatients, resource, reached, judged);
	}

	/**
	 * Before HAPI checks that the references point at something (its answer for a missing target,
	 * HAPI-1094, would come first and differ from the answer for a hidden one), every reference is
	 * judged here, missing and hidden alike. References to new entries of the same transaction
	 * ({@code urn:uuid:}) are judged before commit, once they are resolved.
	 */
	private void requireKnownTargets(CallerAccess access, IBaseResource resource, RequestDetails request) {
		Set<String> reached = new HashSet<>(access.patientIds());
		newPatients(request).stream().filter(patient -> patient.getIdElement().hasIdPart())
				.forEach(patient -> reached.add(patient.getIdElement().getIdPart()));
		CallerAccess withReached = access.withPatientIds(reached);
		boolean placeholders = fhirContext.newTerser().getAllResourceReferences(resource).stream()
				.map(reference -> reference.getResourceReference().getReferenceElement().getValue())
				.anyMatch(target -> target != null && target.startsWith("urn:"));
		// The record itself first, as before commit (a new Patient gets its id only when stored).
		if (!placeholders && !fhirContext.getResourceType(resource).equals("Patient")) {
			requireAboutReachedPatients(withReached, resource);
		}
		requireTargets(withReached, resource, reached, readableTargets(request));
	}

	private void requireAboutReachedPatients(CallerAccess access, IBaseResource resource) {
		if (!reach.mayRead(access, resource)) {
			throw PatientReachRequestGuard.forbidden("this " + fhirContext.getResourceType(resource)
					+ " is not about a patient you care for, or is not something you may see");
		}
	}

	/**
	 * A patient named anywhere must be one the caller cares for (403, whether or not that patient
	 * exists); any other reference into patient data, or into a type the caller may not read, must
	 * point at a resource they may read, and gets the same 400 when it points at nothing. New entries
	 * of the same transaction are the caller's own writes, each judged by its own check; {@code readable}
	 * holds them and the targets already found readable in this request, and gains those found now.
	 */
	private void requireTargets(CallerAccess access, IBaseResource resource, Set<String> reachedPatients, Set<String> readable) {
		String type = fhirContext.getResourceType(resource);
		for (ResourceReferenceInfo reference : fhirContext.newTerser().getAllResourceReferences(resource)) {
			IIdType target = reference.getResourceReference().getReferenceElement();
			if (!target.hasResourceType() || !target.hasIdPart() || target.isAbsolute() || target.getValue().startsWith("urn:")
					|| !fhirContext.getResourceTypes().contains(target.getResourceType())) {
				continue;
			}
			if (target.getResourceType().equals("Patient")) {
				if (!reachedPatients.contains(target.getIdPart())) {
					throw PatientReachRequestGuard.forbidden(reference.getName() + " names a patient you do not care for");
				}
			} else if (!reach.ruleOf(target.getResourceType()).isShared() && !readable.contains(target.toUnqualifiedVersionless().getValue())) {
				if (!isReadable(access, target)) {
					// Worded like HAPI's own answer for a missing target (HAPI-1094), for missing and hidden alike.
					throw new InvalidRequestException("Resource " + target.toUnqualifiedVersionless().getValue()
							+ " not found, specified in path: " + type + "." + reference.getName());
				}
				readable.add(target.toUnqualifiedVersionless().getValue());
			}
		}
	}

	/**
	 * Inside a transaction a new entry may still point at another new entry by its {@code urn:uuid:}
	 * full URL; the check needs the id that entry got. A copy is checked, the stored resource is left alone.
	 */
	private IBaseResource withPlaceholdersResolved(IBaseResource resource, RequestDetails request) {
		Map<String, String> ids = placeholderIds(request);
		if (ids.isEmpty() || !(resource instanceof Resource r4)) {
			return resource;
		}
		Resource copy = r4.copy();
		for (ResourceReferenceInfo reference : fhirContext.newTerser().getAllResourceReferences(copy)) {
			String target = reference.getResourceReference().getReferenceElement().getValue();
			if (target != null && ids.containsKey(target)) {
				reference.getResourceReference().setReference(ids.get(target));
			}
		}
		return copy;
	}

	/** The ids the new entries of this request's transaction got, by their {@code urn:} full URL. */
	private Map<String, String> placeholderIds(RequestDetails request) {
		Map<String, String> ids = new HashMap<>();
		if (request.getUserData().get(BUNDLE) instanceof IBaseBundle bundle) {
			for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhirContext, bundle)) {
				if (entry.getFullUrl() != null && entry.getFullUrl().startsWith("urn:") && entry.getResource() != null
						&& entry.getResource().getIdElement().hasIdPart() && entry.getResource().getIdElement().hasResourceType()) {
					ids.put(entry.getFullUrl(), entry.getResource().getIdElement().toUnqualifiedVersionless().getValue());
				}
			}
		}
		return ids;
	}

	/** Whether the target exists (not deleted) and the caller may read it. */
	private boolean isReadable(CallerAccess access, IIdType target) {
		try {
			IBaseResource found = daos.getResourceDao(target.getResourceType()).read(target.toUnqualifiedVersionless(), new SystemRequestDetails());
			return reach.mayRead(access, found);
		} catch (ResourceNotFoundException | ResourceGoneException | InvalidRequestException missing) {
			return false;
		}
	}

	/** The reference targets found readable so far in this request: judged once, not again before commit. */
	@SuppressWarnings("unchecked")
	private static Set<String> readableTargets(RequestDetails request) {
		return (Set<String>) request.getUserData().computeIfAbsent(READABLE_TARGETS, key -> new HashSet<String>());
	}

	@SuppressWarnings("unchecked")
	private static List<IBaseResource> newPatients(RequestDetails request) {
		return (List<IBaseResource>) request.getUserData().computeIfAbsent(NEW_PATIENTS, key -> new ArrayList<IBaseResource>());
	}
}
