package jp.zaitaku.fhir.audit;

import java.time.Instant;
import java.util.List;

/**
 * The criteria of an AuditEvent search, already reduced to what the table's columns hold; every
 * criterion that is set must match, every list matches any of its values.
 *
 * @param patient a patient id
 * @param agent the person, e.g. {@code Practitioner/123}
 * @param clientId the OAuth client
 * @param from recorded at or after, inclusive
 * @param to recorded at or before, inclusive
 * @param outcomes 0, 4, 8, 12
 * @param purposes {@code TREAT}, {@code ETREAT}
 */
record AuditQuery(String patient, String agent, String clientId, Instant from, Instant to, List<Integer> outcomes,
		List<String> purposes) {

	static final AuditQuery EVERYTHING = new AuditQuery(null, null, null, null, null, List.of(), List.of());

	AuditQuery {
		outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
	}
}
