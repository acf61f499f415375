package jp.zaitaku.fhir.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;

/**
 * The patients a person may open an app for: for a Practitioner, the subjects of the active
 * CareTeams they are on (directly or through one of their PractitionerRoles); for a family member
 * (RelatedPerson), their own patient.
 */
@Component
@SecurityEnabled
class PatientsOfUser {

	/** A patient on the picker: id and the name to show (kanji, then kana). */
	record Choice(String patientId, String name) {}

	private static final int MOST_TEAMS = 200;

	private final DaoRegistry daos;

	PatientsOfUser(DaoRegistry daos) {
		this.daos = daos;
	}

	List<Choice> of(String fhirUser) {
		Map<String, Choice> patients = new LinkedHashMap<>();
		if (fhirUser.startsWith("RelatedPerson/")) {
			RelatedPerson person = (RelatedPerson) daos.getResourceDao("RelatedPerson").read(new IdType(fhirUser), system());
			addPatient(patients, person.getPatient().getReferenceElement().getIdPart());
			return new ArrayList<>(patients.values());
		}
		List<String> members = new ArrayList<>(List.of(fhirUser));
		search("PractitionerRole", new SearchParameterMap().add(PractitionerRole.SP_PRACTITIONER, new ReferenceParam(fhirUser)))
				.forEach(role -> members.add("PractitionerRole/" + role.getIdElement().getIdPart()));
		for (String member : members) {
			SearchParameterMap teams = new SearchParameterMap()
					.add(CareTeam.SP_PARTICIPANT, new ReferenceParam(member))
					.add(CareTeam.SP_STATUS, new TokenParam("active"));
			for (IBaseResource found : search("CareTeam", teams)) {
				CareTeam team = (CareTeam) found;
				if (team.getSubject().getReferenceElement().getResourceType() != null
						&& team.getSubject().getReferenceElement().getResourceType().equals("Patient")) {
					addPatient(patients, team.getSubject().getReferenceElement().getIdPart());
				}
			}
		}
		return new ArrayList<>(patients.values());
	}

	boolean mayOpen(String fhirUser, String patientId) {
		return of(fhirUser).stream().anyMatch(choice -> choice.patientId().equals(patientId));
	}

	private void addPatient(Map<String, Choice> patients, String patientId) {
		if (patientId == null || patients.containsKey(patientId)) {
			return;
		}
		Patient patient = (Patient) daos.getResourceDao("Patient").read(new IdType("Patient", patientId), system());
		List<String> names = patient.getName().stream().map(HumanName::getNameAsSingleString).filter(n -> !n.isBlank()).toList();
		patients.put(patientId, new Choice(patientId, names.isEmpty() ? "Patient/" + patientId : String.join(" / ", names)));
	}

	private List<IBaseResource> search(String type, SearchParameterMap parameters) {
		parameters.setCount(MOST_TEAMS);
		IBundleProvider found = daos.getResourceDao(type).search(parameters, system());
		return found.getResources(0, MOST_TEAMS);
	}

	private static SystemRequestDetails system() {
		return new SystemRequestDetails();
	}
}
