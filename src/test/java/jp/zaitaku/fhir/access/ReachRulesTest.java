package jp.zaitaku.fhir.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.tngtech.archunit.core.domain.JavaClass;
import jp.zaitaku.fhir.MainClasses;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every resource type the server serves has one reach rule, declared by some part of the server, and
 * each rule can be carried out: patient data names a way to its patient, and nothing in a patient's
 * record is shared with everyone.
 */
class ReachRulesTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** Every {@link ReachRuleSet} of the server's code, as Spring would gather them. */
	static ReachRules declared() throws ReflectiveOperationException {
		List<ReachRuleSet> sets = new ArrayList<>();
		for (JavaClass type : MainClasses.ALL) {
			Class<?> declared = type.reflect();
			if (ReachRuleSet.class.isAssignableFrom(declared) && !declared.isInterface()) {
				Constructor<?> constructor = declared.getDeclaredConstructor();
				constructor.setAccessible(true);
				sets.add((ReachRuleSet) constructor.newInstance());
			}
		}
		return new ReachRules(sets);
	}

	private static boolean inPatientCompartment(String type) {
		return type.equals("Patient") || !FHIR.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty();
	}

	@Test
	void everyTypeTheServerServesHasARule() throws Exception {
		ReachRules rules = declared();
		List<String> without = new TreeSet<>(FHIR.getResourceTypes()).stream().filter(type -> !rules.declares(type)).toList();
		assertTrue(without.isEmpty(), () -> "resource types without a reach rule (declare one in a ReachRuleSet): " + without);
	}

	@Test
	void patientDataNamesAWayToItsPatient() throws Exception {
		for (ReachRule rule : declared().all()) {
			if (rule.reach() != ReachRule.Reach.PATIENT_DATA) {
				continue;
			}
			RuntimeResourceDefinition definition = FHIR.getResourceDefinition(rule.resourceType());
			if (rule.isOutsideCompartment()) {
				assertNotNull(definition.getSearchParam(rule.patientSearchParameter()), rule::toString);
				assertNotNull(definition.getChildByName(rule.patientElement()), rule::toString);
			} else {
				assertTrue(inPatientCompartment(rule.resourceType()), () -> rule + ": not in R4's Patient compartment; name its patient element");
			}
		}
	}

	@Test
	void nothingOfAPatientsRecordIsSharedWithEveryone() throws Exception {
		List<String> shared = declared().all().stream().filter(ReachRule::isShared)
				.map(ReachRule::resourceType).filter(ReachRulesTest::inPatientCompartment).toList();
		assertTrue(shared.isEmpty(), () -> "types of R4's Patient compartment declared shared: " + shared);
	}

	@Test
	void aTypeDeclaredTwiceStopsTheStart() {
		ReachRuleSet one = () -> List.of(ReachRule.patientData("Observation"));
		ReachRuleSet other = () -> List.of(ReachRule.shared("Observation"));
		assertThrows(IllegalStateException.class, () -> new ReachRules(List.of(one, other)));
	}

	@Test
	void aTypeWithoutARuleIsOpenOnlyToCallersWhoReachEveryPatient() {
		assertEquals(ReachRule.Reach.EVERY_PATIENT_ONLY, new ReachRules(List.of()).of("Observation").reach());
	}
}
