package jp.zaitaku.fhir.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

/** Who reaches which resources, by kind of caller and reach rule, without a server. */
class PatientReachTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final AccessProperties DEFAULTS = new AccessProperties(
			Set.of("Patient", "RelatedPerson", "CareTeam", "CarePlan", "Goal", "Communication", "Appointment", "Consent"),
			Set.of("Communication"), Set.of("report", "family-message"), Duration.ofMinutes(10), Duration.ofHours(2), 100);
	private static final String CATEGORIES = "https://zaitaku-fhir.github.io/ig/CodeSystem/message-category";

	private final PatientReach reach;
	private final CallerAccess nurse = new CallerAccess(CallerAccess.Kind.CARE_TEAM, Set.of("hanako"), null);
	private final CallerAccess administrator = new CallerAccess(CallerAccess.Kind.ADMINISTRATOR, Set.of(), null);
	private final CallerAccess daughter = CallerAccess.family(Set.of("hanako"), FamilyView.defaults(DEFAULTS));

	PatientReachTest() throws ReflectiveOperationException {
		reach = new PatientReach(FHIR, null, DEFAULTS, ReachRulesTest.declared());
	}

	private static Observation observationOf(String patient) {
		return new Observation().setSubject(new Reference("Patient/" + patient));
	}

	private static Communication message(String patient, String category) {
		Communication message = new Communication().setSubject(new Reference("Patient/" + patient));
		message.addCategory().addCoding(new Coding(CATEGORIES, category, null));
		return message;
	}

	@Test
	void aTeamMemberReadsTheirPatientsRecordAndTheDirectoryOnly() {
		assertTrue(reach.mayRead(nurse, observationOf("hanako")));
		assertFalse(reach.mayRead(nurse, observationOf("taro")));
		assertTrue(reach.mayRead(nurse, new Patient().setId("hanako")));
		assertFalse(reach.mayRead(nurse, new Patient().setId("taro")));
		assertTrue(reach.mayRead(nurse, new Practitioner()));
		assertFalse(reach.mayReachType(nurse, "Subscription"));
		assertTrue(reach.mayWriteType(nurse, "Observation"));
		assertFalse(reach.mayWriteType(nurse, "PractitionerRole"));
	}

	@Test
	void aTaskBelongsToThePatientItIsFor() {
		assertTrue(reach.mayRead(nurse, new Task().setFor(new Reference("Patient/hanako"))));
		assertFalse(reach.mayRead(nurse, new Task().setFor(new Reference("Patient/taro"))));
		assertFalse(reach.mayRead(nurse, new Task()));
	}

	@Test
	void anAdministratorKeepsTheDirectoryAndReadsTheAuditTrailButNoRecord() {
		assertTrue(reach.mayWriteType(administrator, "Practitioner"));
		assertFalse(reach.mayWriteType(administrator, "CodeSystem"));
		assertTrue(reach.mayReachType(administrator, "AuditEvent"));
		assertFalse(reach.mayReachType(administrator, "Observation"));
		assertFalse(reach.mayRead(administrator, new Patient().setId("hanako")));
	}

	@Test
	void familySeesTheTypesAndMessagesTheTeamGivesFamily() {
		assertTrue(reach.mayRead(daughter, new Patient().setId("hanako")));
		assertFalse(reach.mayRead(daughter, observationOf("hanako")));
		assertTrue(reach.mayRead(daughter, message("hanako", "family-message")));
		assertFalse(reach.mayRead(daughter, message("hanako", "instruction")));
		assertTrue(reach.mayWriteType(daughter, "Communication"));
		assertFalse(reach.mayWriteType(daughter, "CarePlan"));
	}

	@Test
	void aBackendThatReachesEveryPatientReachesEverything() {
		assertTrue(reach.mayRead(CallerAccess.EVERY_PATIENT_ACCESS, observationOf("taro")));
		assertTrue(reach.mayWriteType(CallerAccess.EVERY_PATIENT_ACCESS, "Subscription"));
	}
}
