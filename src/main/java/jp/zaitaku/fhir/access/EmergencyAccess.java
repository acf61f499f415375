package jp.zaitaku.fhir.access;

import java.time.Clock;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 緊急時アクセス (break-the-glass): a professional not on a patient's team reads that patient's
 * record for a limited time after stating why, e.g. the on-call doctor called to a night-time
 * deterioration (夜間の急変). Grants are kept in table {@code zaitaku_emergency_access}.
 */
@Component
public class EmergencyAccess {

	/** One grant: the patient and the reason given. */
	record Grant(String patientId, String reason, Instant expiresAt) {}

	private final JdbcTemplate jdbc;
	private final AccessProperties properties;
	private final Clock clock;
	/** Asked on every request of a person; a grant clears the person's entry. */
	private final Cache<String, List<Grant>> grants = Caffeine.newBuilder().maximumSize(10_000)
			.expireAfterWrite(Duration.ofMinutes(5)).build();

	public EmergencyAccess(JdbcTemplate jdbc, AccessProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	/** Records a grant for {@code fhirUser} ({@code Practitioner/..}) to read the patient; returns when it ends. */
	Instant grant(String fhirUser, String patientId, String reason) {
		Instant now = clock.instant();
		Instant expires = now.plus(properties.emergencyAccessTime());
		jdbc.update("INSERT INTO zaitaku_emergency_access (fhir_user, patient_id, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?)",
				fhirUser, patientId, reason, Timestamp.from(now), Timestamp.from(expires));
		grants.invalidate(fhirUser);
		return expires;
	}

	/** The patients {@code fhirUser} may read now under an emergency access, with the reasons given. */
	Map<String, String> activeFor(String fhirUser) {
		Instant now = clock.instant();
		Map<String, String> active = new LinkedHashMap<>();
		for (Grant grant : grants.get(fhirUser, this::load)) {
			if (grant.expiresAt().isAfter(now)) {
				active.merge(grant.patientId(), grant.reason(), (a, b) -> a.equals(b) ? a : a + " / " + b);
			}
		}
		return active;
	}

	private List<Grant> load(String fhirUser) {
		return jdbc.query("SELECT patient_id, reason, expires_at FROM zaitaku_emergency_access WHERE fhir_user = ? AND expires_at > ?",
				(row, i) -> new Grant(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant()), fhirUser,
				Timestamp.from(clock.instant()));
	}
}
