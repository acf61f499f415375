package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.profiles.HomeCareGuide;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Communication;
import org.springframework.stereotype.Component;

/**
 * Which resources a caller's {@link CallerAccess} reaches, by each type's {@link ReachRule}: patient
 * data when one of its patients is reached; the shared resources and the directory by everyone (and the
 * audit trail by administrators); a Binary through the resource it belongs to ({@code securityContext});
 * anything else only by callers that reach every patient. A family member further sees only the types
 * and message categories their teams give to family.
 */
@Component
public class PatientReach {

	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final AccessProperties properties;
	private final ReachRules rules;

	public PatientReach(FhirContext fhirContext, DaoRegistry daos, AccessProperties properties, ReachRules rules) {
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.properties = properties;
		this.rules = rules;
	}

	/** The rule of a resource type. */
	public ReachRule ruleOf(String type) {
		return rules.of(type);
	}

	/** Whether the caller may read this resource (an instance as stored). */
	public boolean mayRead(CallerAccess access, IBaseResource resource) {
		if (access.reachesEveryPatient()) {
			return true;
		}
		String type = fhirContext.getResourceType(resource);
		if (!mayReachType(access, type)) {
			return false;
		}
		if (access.kind() == CallerAccess.Kind.FAMILY && resource instanceof Communication message && !isFamilyMessage(access, message)) {
			return false;
		}
		ReachRule rule = rules.of(type);
		return switch (rule.reach()) {
			case SHARED, DIRECTORY -> true;
			case PATIENT_DATA, AUDIT_TRAIL -> type.equals("Patient")
					? access.mayAccessPatient(resource.getIdElement().getIdPart())
					: patientsOf(resource).stream().anyMatch(access::mayAccessPatient);
			case ATTACHMENT -> resource instanceof Binary binary && binary.hasSecurityContext() && securityContextReadable(access, binary);
			case OWNED -> OwnedResources.isOwnedBy(resource, access.who());
			case EVERY_PATIENT_ONLY -> false;
		};
	}

	/**
	 * Whether the caller may see resources of this type at all: patient data and the shared types for
	 * team members, the family's types for family, the shared types and the audit trail for administrators.
	 */
	public boolean mayReachType(CallerAccess access, String type) {
		ReachRule rule = rules.of(type);
		return switch (access.kind()) {
			case EVERY_PATIENT -> true;
			case ADMINISTRATOR -> rule.isShared() || rule.reach() == ReachRule.Reach.AUDIT_TRAIL; // 監査: the whole trail
			case FAMILY -> rule.isShared() || FamilyView.of(access, properties).readableTypes().contains(type) || ownsWhatTheyCreate(access, rule);
			case CARE_TEAM -> rule.isShared() || rule.isPatientData() || rule.reach() == ReachRule.Reach.ATTACHMENT || ownsWhatTheyCreate(access, rule);
		};
	}

	/** An owned type (Subscription) is open to every caller who is someone (a person or an organisation). */
	private static boolean ownsWhatTheyCreate(CallerAccess access, ReachRule rule) {
		return rule.reach() == ReachRule.Reach.OWNED && access.who() != null;
	}

	/** Whether the caller may create or change resources of this type (each one still has to be within reach). */
	public boolean mayWriteType(CallerAccess access, String type) {
		ReachRule rule = rules.of(type);
		return switch (access.kind()) {
			case EVERY_PATIENT -> true;
			case ADMINISTRATOR -> rule.reach() == ReachRule.Reach.DIRECTORY;
			case FAMILY -> (properties.familyWritableTypes().contains(type) && mayReachType(access, type)) || ownsWhatTheyCreate(access, rule);
			// Not the directory: a PractitionerRole written by a team member could make them a member of other teams.
			case CARE_TEAM -> rule.isPatientData() || rule.reach() == ReachRule.Reach.ATTACHMENT || ownsWhatTheyCreate(access, rule);
		};
	}

	public boolean isPatientData(String type) {
		return rules.of(type).isPatientData();
	}

	/** The ids of the patients whose record holds this resource: its compartment's, or the patient its rule's element names. */
	public Set<String> patientsOf(IBaseResource resource) {
		FhirTerser terser = fhirContext.newTerser();
		ReachRule rule = rules.of(fhirContext.getResourceType(resource));
		if (rule.isOutsideCompartment()) {
			return terser.getValues(resource, rule.patientElement(), IBaseReference.class).stream()
					.map(IBaseReference::getReferenceElement)
					.filter(patient -> "Patient".equals(patient.getResourceType()) && patient.hasIdPart())
					.map(IIdType::getIdPart).collect(Collectors.toSet());
		}
		List<IIdType> owners = terser.getCompartmentOwnersForResource("Patient", resource, (Set<String>) null);
		// The owners are the references of the compartment's search parameters, of any type: keep the Patients.
		return owners.stream().filter(owner -> "Patient".equals(owner.getResourceType()))
				.map(IIdType::getIdPart).filter(id -> id != null).collect(Collectors.toSet());
	}

	/**
	 * A reference written as a search ({@code Observation?subject=...}) is resolved by HAPI without
	 * any access limit, and its answers (no match, several, one) would tell what is hidden: refused
	 * for callers who do not reach every patient.
	 */
	public void refuseSearchReferences(IBaseResource resource) {
		for (ResourceReferenceInfo reference : fhirContext.newTerser().getAllResourceReferences(resource)) {
			String target = reference.getResourceReference().getReferenceElement().getValue();
			if (target != null && target.contains("?")) {
				throw PatientReachRequestGuard.forbidden(reference.getName()
						+ ": references written as a search are not open to callers limited to their patients");
			}
		}
	}

	/** The family sees team messages of the categories their team gives family, not those between professionals. */
	private boolean isFamilyMessage(CallerAccess access, Communication message) {
		Set<String> categories = FamilyView.of(access, properties).messageCategories();
		return message.getCategory().stream().flatMap(category -> category.getCoding().stream())
				.anyMatch(coding -> HomeCareGuide.MessageCategory.SYSTEM.equals(coding.getSystem()) && categories.contains(coding.getCode()));
	}

	private boolean securityContextReadable(CallerAccess access, Binary binary) {
		IIdType owner = binary.getSecurityContext().getReferenceElement();
		if (!owner.hasResourceType() || !owner.hasIdPart() || owner.getResourceType().equals("Binary")
				|| !fhirContext.getResourceTypes().contains(owner.getResourceType())) {
			return false;
		}
		try {
			IBaseResource context = daos.getResourceDao(owner.getResourceType()).read(owner.toUnqualifiedVersionless(), new SystemRequestDetails());
			return mayRead(access, context);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
