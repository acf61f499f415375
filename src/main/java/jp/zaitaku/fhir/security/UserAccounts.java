package jp.zaitaku.fhir.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The people who log in to authorise SMART apps (table zaitaku_user). Each one is a Practitioner or
 * RelatedPerson on this server ({@code fhirUser}). Five wrong logins lock an account for 15 minutes.
 */
@Component
@SecurityEnabled
public class UserAccounts {

	static final int MAX_FAILED_LOGINS = 5;
	static final Duration LOCK_TIME = Duration.ofMinutes(15);

	/** A stored account; {@code locked} when it is disabled or locked after failed logins. */
	record Account(String username, String passwordHash, String totpSecret, long lastTotpStep, String fhirUser,
			String displayName, boolean locked) {}

	private final JdbcTemplate jdbc;
	private final Map<String, Boolean> administrators = new ConcurrentHashMap<>();

	public UserAccounts(JdbcTemplate jdbc, SecuritySchema schema) {
		this.jdbc = jdbc;
	}

	Optional<Account> find(String username) {
		List<Account> found = jdbc.query("""
				SELECT username, password_hash, totp_secret, last_totp_step, fhir_user, display_name,
				       (NOT enabled OR (locked_until IS NOT NULL AND locked_until > now())) AS locked
				FROM zaitaku_user WHERE username = ?""",
				(row, i) -> new Account(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
						row.getString(5), row.getString(6), row.getBoolean(7)),
				username);
		return found.stream().findFirst();
	}

	/** Records a used TOTP step; false when that step (or a later one) was used already. */
	boolean markTotpStepUsed(String username, long step) {
		return jdbc.update("UPDATE zaitaku_user SET last_totp_step = ?, failed_logins = 0 WHERE username = ? AND last_totp_step < ?",
				step, username, step) == 1;
	}

	void recordFailedLogin(String username) {
		jdbc.update("""
				UPDATE zaitaku_user SET failed_logins = failed_logins + 1,
				       locked_until = CASE WHEN failed_logins + 1 >= ? THEN now() + make_interval(secs => ?) ELSE locked_until END
				WHERE username = ?""", MAX_FAILED_LOGINS, LOCK_TIME.toSeconds(), username);
	}

	/** Whether the account exists and is enabled (a lock after failed logins does not count here). */
	boolean isEnabled(String username) {
		return !jdbc.queryForList("SELECT 1 FROM zaitaku_user WHERE username = ? AND enabled", Integer.class, username).isEmpty();
	}

	Optional<String> fhirUserOf(String username) {
		return find(username).map(Account::fhirUser);
	}

	/** Whether this login is an administrator; asked on every request, so kept until the account is saved again. */
	public boolean isAdministrator(String username) {
		return administrators.computeIfAbsent(username, name -> !jdbc.queryForList(
				"SELECT 1 FROM zaitaku_user WHERE username = ? AND role = ?", Integer.class, name, UserRegistration.ADMINISTRATOR).isEmpty());
	}

	/** Creates or replaces an account (the users file, the dev profile). */
	public void save(UserRegistration user) {
		user.check();
		jdbc.update("""
				INSERT INTO zaitaku_user (username, password_hash, totp_secret, fhir_user, display_name, role)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, totp_secret = EXCLUDED.totp_secret,
				    fhir_user = EXCLUDED.fhir_user, display_name = EXCLUDED.display_name, role = EXCLUDED.role""",
				user.username(), user.password(), user.totpSecret(), user.fhirUser(), user.displayName(), user.role());
		administrators.remove(user.username());
	}
}
