package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The patient an app's authorization is for (table zaitaku_launch_context), keyed by the
 * authorization's id, which stays the same through code, token and refresh.
 */
@Component
@SecurityEnabled
class LaunchContexts {

	private final JdbcTemplate jdbc;

	LaunchContexts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The patient (and, from an EHR launch, the encounter) of an authorization. */
	record Context(String patient, String encounter) {}

	void save(String authorizationId, String patientId, String encounterId) {
		jdbc.update("""
				INSERT INTO zaitaku_launch_context (authorization_id, patient, encounter) VALUES (?, ?, ?)
				ON CONFLICT (authorization_id) DO UPDATE SET patient = EXCLUDED.patient, encounter = EXCLUDED.encounter""",
				authorizationId, patientId, encounterId);
	}

	Optional<Context> of(String authorizationId) {
		List<Context> found = jdbc.query("SELECT patient, encounter FROM zaitaku_launch_context WHERE authorization_id = ?",
				(row, i) -> new Context(row.getString(1), row.getString(2)), authorizationId);
		return found.stream().findFirst();
	}
}
