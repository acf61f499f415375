package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * EHR launches (table zaitaku_smart_launch): the EHR registers which patient (and encounter) it is
 * opening which app for and gets an opaque id to pass to that app as {@code launch}. The id is valid
 * for {@link #LIFETIME}, only for that app, and is used up by the authorization it is consented in.
 */
@Component
@SecurityEnabled
class EhrLaunches {

	static final Duration LIFETIME = Duration.ofMinutes(5);
	private static final SecureRandom RANDOM = new SecureRandom();

	/** What an EHR launch binds the app to, and the app ({@code clientId}) it was made for. */
	record Launch(String patient, String encounter, String clientId) {}

	private final JdbcTemplate jdbc;

	EhrLaunches(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	String create(String patientId, String encounterId, String clientId, String createdBy) {
		byte[] random = new byte[24];
		RANDOM.nextBytes(random);
		String launchId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		jdbc.update("""
				INSERT INTO zaitaku_smart_launch (launch_id, patient, encounter, client_id, created_by, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""",
				launchId, patientId, encounterId, clientId, createdBy, Timestamp.from(Instant.now().plus(LIFETIME)));
		return launchId;
	}

	/** The launch if it exists, has not expired and was not used. */
	Optional<Launch> find(String launchId) {
		List<Launch> found = jdbc.query("""
				SELECT patient, encounter, client_id FROM zaitaku_smart_launch
				WHERE launch_id = ? AND expires_at > now() AND used_at IS NULL""", EhrLaunches::launch, launchId);
		return found.stream().findFirst();
	}

	/**
	 * Uses the launch up for the app {@code clientId}; empty when it has expired, was used already (by a
	 * concurrent consent too) or was made for another app.
	 */
	Optional<Launch> use(String launchId, String clientId) {
		List<Launch> used = jdbc.query("""
				UPDATE zaitaku_smart_launch SET used_at = now()
				WHERE launch_id = ? AND client_id = ? AND expires_at > now() AND used_at IS NULL
				RETURNING patient, encounter, client_id""", EhrLaunches::launch, launchId, clientId);
		return used.stream().findFirst();
	}

	private static Launch launch(ResultSet row, int rowNumber) throws SQLException {
		return new Launch(row.getString(1), row.getString(2), row.getString(3));
	}
}
