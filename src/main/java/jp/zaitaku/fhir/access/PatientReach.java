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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * Which resources a caller's {@link CallerAccess} reaches. Patient data — a Patient, or a resource in
 * a Patient's compartment — is reached when one of its patients is; the shared directory and
 * conformance resources are reached by everyone (and the audit trail by administrators); a Binary through the resource it belongs to
 * ({@code securityContext}); any other type only by callers that reach every patient. A family
 * member further sees only the types and message categories the settings give to family.
 */
@Component
public class PatientReach {

	/** Resources about no patient that every team member needs: who is who, and the rules of the server. */
	static final Set<String> SHARED_TYPES = Set.of("Practitioner", "PractitionerRole", "Organization", "Location",
			"HealthcareService", "Endpoint", "Medication", "Substance", "StructureDefinition", "ValueSet", "CodeSystem",
			"ConceptMap", "NamingSystem", "SearchParameter", "OperationDefinition", "CapabilityStatement",
			"ImplementationGuide", "Questionnaire", "Library", "PlanDefinition", "ActivityDefinition");
	/** What an administrator maintains: the directory. */
	static final Set<String> DIRECTORY_TYPES = Set.of("Practitioner", "PractitionerRole", "Organization", "Location",
			"HealthcareService", "Endpoint");
	/**
	 * Types about a patient that R4 leaves out of the Patient compartment, with the search parameter
	 * naming the patient: a referral Task ({@code Task.for}) is as private as the ServiceRequest it carries out.
	 */
	static final Map<String, String> PATIENT_PARAMETER_OUTSIDE_COMPARTMENT = Map.of("Task", "patient");

	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final AccessProperties properties;

	public PatientReach(FhirContext fhirContext, DaoRegistry daos, AccessProperties properties) {
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.properties = properties;
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
		if (type.equals("Patient")) {
			return access.mayAccessPatient(resource.getIdElement().getIdPart());
		}
		if (hasPatientCompartment(type)) {
			return patientsOf(resource).stream().anyMatch(access::mayAccessPatient);
		}
		if (resource instanceof Binary binary) {
			return binary.hasSecurityContext() && securityContextReadable(access, binary);
		}
		return SHARED_TYPES.contains(type);
	}

	/**
	 * Whether the caller may see resources of this type at all: patient data types and the shared
	 * ones for team members, the family's types for family, the shared ones for administrators.
	 */
	public boolean mayReachType(CallerAccess access, String type) {
		return switch (access.kind()) {
			case EVERY_PATIENT -> true;
			case ADMINISTRATOR -> SHARED_TYPES.contains(type) || type.equals("AuditEvent"); // 監査: the whole trail
			case FAMILY -> SHARED_TYPES.contains(type) || FamilyView.of(access, properties).readableTypes().contains(type);
			case CARE_TEAM -> SHARED_TYPES.contains(type) || isPatientData(type) || type.equals("Binary");
		};
	}

	/** Whether the caller may create or change resources of this type (each one still has to be within reach). */
	public boolean mayWriteType(CallerAccess access, String type) {
		return switch (access.kind()) {
			case EVERY_PATIENT -> true;
			case ADMINISTRATOR -> DIRECTORY_TYPES.contains(type);
			case FAMILY -> properties.familyWritableTypes().contains(type) && mayReachType(access, type);
			// Not the directory: a PractitionerRole written by a team member could make them a member of other teams.
			case CARE_TEAM -> isPatientData(type) || type.equals("Binary");
		};
	}

	public boolean isPatientData(String type) {
		return type.equals("Patient") || hasPatientCompartment(type);
	}

	/** The ids of the patients whose compartment holds this resource (for Task: its {@code for} patient). */
	public Set<String> patientsOf(IBaseResource resource) {
		if (resource instanceof Task task) {
			IIdType patient = task.getFor().getReferenceElement();
			return "Patient".equals(patient.getResourceType()) && patient.hasIdPart() ? Set.of(patient.getIdPart()) : Set.of();
		}
		FhirTerser terser = fhirContext.newTerser();
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

	private boolean hasPatientCompartment(String type) {
		return PATIENT_PARAMETER_OUTSIDE_COMPARTMENT.containsKey(type) || fhirContext.getResourceTypes().contains(type)
				&& !fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty();
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
