package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.PatientsOfPerson;
import jp.zaitaku.fhir.security.SecurityEnabled;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * The patients a person may open an app for, with the names the picker shows: those of the care
 * teams they are on, as care-team access control answers ({@link PatientsOfPerson}).
 */
@Component
@SecurityEnabled
class PatientsOfUser {

	/** A patient on the picker: id and the name to show (kanji, then kana). */
	record Choice(String patientId, String name) {}

	private final DaoRegistry daos;
	private final PatientsOfPerson membership;

	PatientsOfUser(DaoRegistry daos, PatientsOfPerson membership) {
		this.daos = daos;
		this.membership = membership;
	}

	List<Choice> of(String fhirUser) {
		Map<String, Choice> patients = new LinkedHashMap<>();
		membership.patientsOf(fhirUser).stream().sorted().forEach(patientId -> addPatient(patients, patientId));
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

	private static SystemRequestDetails system() {
		return new SystemRequestDetails();
	}
}
