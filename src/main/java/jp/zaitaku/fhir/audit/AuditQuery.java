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
 * @param entity what the event is about, an unversioned reference ({@code Observation/123})
 * @param entityTypes {@value #PERSON} (a patient) or {@value #SYSTEM_OBJECT} (another resource)
 * @param subtypes the REST interactions ({@code read}, {@code create}, {@code search-type} …)
 * @param actions {@code C}, {@code R}, {@code U}, {@code D}, {@code E}
 * @param address the start of the caller's network address
 * @param matchesNothing a criterion no event of this trail can meet (another event type)
 */
record AuditQuery(String patient, String agent, String clientId, Instant from, Instant to, List<Integer> outcomes,
		List<String> purposes, String entity, List<String> entityTypes, List<String> subtypes, List<String> actions,
		String address, boolean matchesNothing) {

	static final String PERSON = "1";
	static final String SYSTEM_OBJECT = "2";
	static final AuditQuery EVERYTHING = new AuditQuery(null, null, null, null, null, List.of(), List.of());

	AuditQuery(String patient, String agent, String clientId, Instant from, Instant to, List<Integer> outcomes, List<String> purposes) {
		this(patient, agent, clientId, from, to, outcomes, purposes, null, List.of(), List.of(), List.of(), null, false);
	}

	AuditQuery {
		outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
		purposes = purposes == null ? List.of() : List.copyOf(purposes);
		entityTypes = entityTypes == null ? List.of() : List.copyOf(entityTypes);
		subtypes = subtypes == null ? List.of() : List.copyOf(subtypes);
		actions = actions == null ? List.of() : List.copyOf(actions);
	}
}
