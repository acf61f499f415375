package jp.zaitaku.fhir.access;

import java.util.Set;

/**
 * What the caller of one request may reach of patient data (患者情報の閲覧範囲): every patient, the
 * patients of the care teams they are on, their own family member, or none.
 *
 * @param kind how the reach was decided
 * @param patientIds the ids of the patients reachable; empty for {@link Kind#EVERY_PATIENT} (all are)
 * @param emergencyReason the stated reason of a break-the-glass access (緊急時アクセス), or null
 */
public record CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason) {

	/** How far a caller reaches. */
	public enum Kind {
		/** Open development mode, internal work, or a backend client registered for every patient. */
		EVERY_PATIENT,
		/** A professional on care teams, or the backend client of an organisation on care teams. */
		CARE_TEAM,
		/** A family member on the team: their own patient only, and only what the team lets family see. */
		FAMILY,
		/** An administrator: the directory and the audit trail, no clinical data. */
		ADMINISTRATOR
	}

	public CallerAccess {
		patientIds = Set.copyOf(patientIds);
	}

	/** Every patient: open mode, the server's own work, unrestricted backend clients. */
	public static final CallerAccess EVERY_PATIENT_ACCESS = new CallerAccess(Kind.EVERY_PATIENT, Set.of(), null);

	public boolean mayAccessPatient(String patientId) {
		return kind == Kind.EVERY_PATIENT || patientIds.contains(patientId);
	}

	public boolean reachesEveryPatient() {
		return kind == Kind.EVERY_PATIENT;
	}

	/** Auditors see the whole audit trail; everyone else only the events about their own patients. */
	public boolean mayReadEveryAuditEvent() {
		return kind == Kind.EVERY_PATIENT || kind == Kind.ADMINISTRATOR;
	}

	public boolean isEmergencyAccess() {
		return emergencyReason != null;
	}
}
