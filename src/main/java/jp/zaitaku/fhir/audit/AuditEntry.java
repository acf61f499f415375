package jp.zaitaku.fhir.audit;

import java.time.Instant;
import java.util.List;

/**
 * One row of the audit trail: the AuditEvent as FHIR JSON and the values it is searched by.
 *
 * @param patients ids of the patients (without {@code Patient/})
 * @param agents the acting person as a relative reference ({@code Practitioner/123}), if known
 * @param purpose {@code TREAT} or {@code ETREAT}
 * @param json the AuditEvent, encoded once: stored, served and logged as it is
 */
record AuditEntry(
		String id,
		Instant recorded,
		List<String> patients,
		List<String> agents,
		String clientId,
		String action,
		String subtype,
		int outcome,
		String purpose,
		String json,
		List<String> entities,
		String address) {}
