package jp.zaitaku.fhir.security;

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

	LaunchContexts(JdbcTemplate jdbc, SecuritySchema schema) {
		this.jdbc = jdbc;
	}

	void savePatient(String authorizationId, String patientId) {
		jdbc.update("""
				INSERT INTO zaitaku_launch_context (authorization_id, patient) VALUES (?, ?)
				ON CONFLICT (authorization_id) DO UPDATE SET patient = EXCLUDED.patient""", authorizationId, patientId);
	}

	Optional<String> patientOf(String authorizationId) {
		List<String> found = jdbc.queryForList(
				"SELECT patient FROM zaitaku_launch_context WHERE authorization_id = ?", String.class, authorizationId);
		return found.stream().filter(p -> p != null).findFirst();
	}
}
