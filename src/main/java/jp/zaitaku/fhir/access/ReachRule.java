package jp.zaitaku.fhir.access;

/**
 * How care-team access control treats one resource type. Every type the server serves has exactly one
 * rule, declared beside the feature that serves it ({@link ReachRuleSet}); {@code ReachRulesTest}
 * fails when a type has none.
 *
 * @param resourceType the FHIR resource type
 * @param reach who reaches its resources
 * @param patientSearchParameter for patient data outside R4's Patient compartment: the search parameter
 *     that names the patient (the narrowing adds it to searches); null for compartment types
 * @param patientElement for patient data outside the compartment: the element holding the reference to
 *     the patient (e.g. {@code for} of a Task); null for compartment types
 */
public record ReachRule(String resourceType, Reach reach, String patientSearchParameter, String patientElement) {

	/** Who reaches the resources of a type. */
	public enum Reach {
		/** In a patient's record (R4's Patient compartment, or named by an element): reached when one of its patients is. */
		PATIENT_DATA,
		/** About no patient, needed by every team member (terminology, profiles, forms): everyone reads; callers who reach every patient write. */
		SHARED,
		/** Who is who (professionals, organisations, services): everyone reads; administrators and callers who reach every patient write. */
		DIRECTORY,
		/** A Binary: reached through the resource its {@code securityContext} names. */
		ATTACHMENT,
		/** The audit trail: a team member's patients' events; administrators the whole trail. Written by the server only. */
		AUDIT_TRAIL,
		/**
		 * Each resource belongs to whoever created it (the server's owner tag): they, and callers who reach
		 * every patient, read and change it; what it is about is judged when it is used (a Subscription's deliveries).
		 */
		OWNED,
		/** Anything else: only callers who reach every patient (backend systems with system/ scopes, open mode). */
		EVERY_PATIENT_ONLY
	}

	/** Patient data found through R4's Patient compartment. */
	public static ReachRule patientData(String resourceType) {
		return new ReachRule(resourceType, Reach.PATIENT_DATA, null, null);
	}

	/** Patient data outside the compartment: {@code element} holds the patient, {@code searchParameter} finds it. */
	public static ReachRule patientDataBy(String resourceType, String searchParameter, String element) {
		return new ReachRule(resourceType, Reach.PATIENT_DATA, searchParameter, element);
	}

	public static ReachRule shared(String resourceType) {
		return new ReachRule(resourceType, Reach.SHARED, null, null);
	}

	public static ReachRule directory(String resourceType) {
		return new ReachRule(resourceType, Reach.DIRECTORY, null, null);
	}

	public static ReachRule owned(String resourceType) {
		return new ReachRule(resourceType, Reach.OWNED, null, null);
	}

	public static ReachRule everyPatientOnly(String resourceType) {
		return new ReachRule(resourceType, Reach.EVERY_PATIENT_ONLY, null, null);
	}

	/** Read by every caller that may see anything: the shared resources and the directory. */
	public boolean isShared() {
		return reach == Reach.SHARED || reach == Reach.DIRECTORY;
	}

	/** Whose resources belong to a patient's record. */
	public boolean isPatientData() {
		return reach == Reach.PATIENT_DATA || reach == Reach.AUDIT_TRAIL;
	}

	/** Patient data whose patient is named by an element outside R4's Patient compartment. */
	public boolean isOutsideCompartment() {
		return patientSearchParameter != null;
	}
}
