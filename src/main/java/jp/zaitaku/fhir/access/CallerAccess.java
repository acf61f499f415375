package jp.zaitaku.fhir.access;

import java.util.Set;

/**
 * What the caller of one request may reach of patient data (患者情報の閲覧範囲): every patient, the
 * patients of the care teams they are on, their own family member, or none.
 *
 * @param kind how the reach was decided
 * @param patientIds the ids of the patients reachable; empty for {@link Kind#EVERY_PATIENT} (all are)
 * @param emergencyReason the stated reason of a break-the-glass access (緊急時アクセス), or null
 * @param emergencyPatientIds patients read under a break-the-glass access: read only, for a limited time
 */
public record CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason, Set<String> emergencyPatientIds) {

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
		emergencyPatientIds = Set.copyOf(emergencyPatientIds);
	}

	/** Without break-the-glass access. */
	public CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason) {
		this(kind, patientIds, emergencyReason, Set.of());
	}

	/** Every patient the caller may read: their teams' and, for now, those opened in an emergency. */
	public Set<String> readablePatientIds() {
		if (emergencyPatientIds.isEmpty()) {
			return patientIds;
		}
		Set<String> all = new java.util.HashSet<>(patientIds);
		all.addAll(emergencyPatientIds);
		return all;
	}

	/** Every patient: open mode, the server's own work, unrestricted backend clients. */
	public static final CallerAccess EVERY_PATIENT_ACCESS = new CallerAccess(Kind.EVERY_PATIENT, Set.of(), null);

	/** Whether the caller may read this patient's data (team or emergency access). */
	public boolean mayAccessPatient(String patientId) {
		return kind == Kind.EVERY_PATIENT || patientIds.contains(patientId) || emergencyPatientIds.contains(patientId);
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
