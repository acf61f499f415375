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
 * @param familyView for a family member: what their patient's team(s) let family see; null for others
 * @param who the person or organisation behind the caller ({@code Practitioner/1}, {@code RelatedPerson/2},
 *     {@code Organization/3}), who owns what they create of the owned types (Subscription); null for a
 *     token bound to one patient, administrators, and callers who reach every patient
 */
public record CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason, Set<String> emergencyPatientIds,
		FamilyView familyView, String who) {

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

	/** Not owning anything (see {@code who}). */
	public CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason, Set<String> emergencyPatientIds, FamilyView familyView) {
		this(kind, patientIds, emergencyReason, emergencyPatientIds, familyView, null);
	}

	/** Not a family member. */
	public CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason, Set<String> emergencyPatientIds) {
		this(kind, patientIds, emergencyReason, emergencyPatientIds, null);
	}

	/** Not a family member, without break-the-glass access. */
	public CallerAccess(Kind kind, Set<String> patientIds, String emergencyReason) {
		this(kind, patientIds, emergencyReason, Set.of());
	}

	/** A family member on the teams of {@code patientIds}. */
	public static CallerAccess family(Set<String> patientIds, FamilyView view) {
		return new CallerAccess(Kind.FAMILY, patientIds, null, Set.of(), view);
	}

	/** The same caller with their team patients only: a break-the-glass access only reads. */
	public CallerAccess withoutEmergencyAccess() {
		return withPatientIds(patientIds);
	}

	/** The same caller reaching {@code ids} instead, without emergency access. */
	public CallerAccess withPatientIds(Set<String> ids) {
		return new CallerAccess(kind, ids, null, Set.of(), familyView, who);
	}

	/** The same caller, as {@code person} (the owner of what they create of the owned types). */
	public CallerAccess withWho(String person) {
		return new CallerAccess(kind, patientIds, emergencyReason, emergencyPatientIds, familyView, person);
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
