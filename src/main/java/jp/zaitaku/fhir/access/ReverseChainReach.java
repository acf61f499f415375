package jp.zaitaku.fhir.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import org.springframework.stereotype.Component;

/**
 * Which reverse chains ({@code _has:Observation:subject:code=…}) a caller limited to their patients
 * may use. HAPI evaluates the inner condition against every stored record, and the narrowing limits
 * only the outer results: {@code Observation?_has:Observation:derived-from:value-string=…} would
 * answer with the caller's own record exactly when another patient's record, derived from it, holds
 * the guessed value. The one form whose inner records are all reached is a Patient search whose link
 * is one of the inner type's patient references: every record it tests is in the searched patient's
 * own record. Everything else — other outer types, links such as {@code focus} or
 * {@code derived-from}, {@code Patient.link}, nested {@code _has} and chains inside it — is refused.
 */
@Component
class ReverseChainReach {

	private final FhirContext fhirContext;
	private final ReachRules rules;

	ReverseChainReach(FhirContext fhirContext, ReachRules rules) {
		this.fhirContext = fhirContext;
		this.rules = rules;
	}

	/** Throws 403 when the {@code _has} parameter {@code name} of a search of {@code type} could test a hidden record. */
	void check(String type, String name) {
		String[] parts = name.split(":", 4);
		if (parts.length < 4 || !fhirContext.getResourceTypes().contains(parts[1])) {
			return; // not a reverse chain HAPI can evaluate: it answers 400 itself
		}
		String inner = parts[1];
		String link = parts[2];
		String condition = parts[3];
		if (!type.equals("Patient")) {
			throw refused(name, "only a Patient search may hold a reverse chain");
		}
		if (condition.startsWith("_has") || condition.contains(".")) {
			throw refused(name, "a reverse chain may not hold another reverse chain or a chain");
		}
		if (!isPatientLink(inner, link)) {
			throw refused(name, link + " is not the patient of " + inner);
		}
	}

	/** Whether {@code link} names the patient whose record holds the {@code inner} resource. */
	private boolean isPatientLink(String inner, String link) {
		ReachRule rule = rules.of(inner);
		if (inner.equals("Patient") || rule.reach() != ReachRule.Reach.PATIENT_DATA) {
			return false;
		}
		if (rule.isOutsideCompartment()) {
			return link.equals(rule.patientSearchParameter());
		}
		return fhirContext.getResourceDefinition(inner).getSearchParamsForCompartmentName("Patient").stream()
				.map(RuntimeSearchParam::getName).anyMatch(link::equals);
	}

	private static RuntimeException refused(String name, String why) {
		return PatientReachRequestGuard.forbidden("the reverse chain " + name + " could test records of patients you may not see ("
				+ why + "); use Patient?_has:<type>:<its patient parameter>:<condition>");
	}
}
