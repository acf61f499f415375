package jp.zaitaku.fhir.security.login;

import jp.zaitaku.fhir.security.SecretSealing;
import jp.zaitaku.fhir.security.StoredSecrets;
import jp.zaitaku.fhir.security.SecurityEnabled;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The people who log in to authorise SMART apps (table zaitaku_user). Each one is a Practitioner or
 * RelatedPerson on this server ({@code fhirUser}). Five login attempts without success lock an account for 15 minutes.
 */
@Component
@SecurityEnabled
public class UserAccounts {

	static final int MAX_FAILED_LOGINS = 5;
	static final Duration LOCK_TIME = Duration.ofMinutes(15);

	/** A stored account; {@code locked} when it is disabled or locked after failed logins. */
	public record Account(String username, String passwordHash, String totpSecret, long lastTotpStep, String fhirUser,
			String displayName, boolean locked) {}

	private final JdbcTemplate jdbc;
	private final SecretSealing sealing;
	private final Map<String, Boolean> administrators = new ConcurrentHashMap<>();

	public UserAccounts(JdbcTemplate jdbc, SecretSealing sealing) {
		this.jdbc = jdbc;
		this.sealing = sealing;
		sealSecretsStoredInClear();
	}

	/** TOTP secrets written before they were sealed are sealed at start. */
	private void sealSecretsStoredInClear() {
		jdbc.query("SELECT username, totp_secret FROM zaitaku_user WHERE totp_secret NOT LIKE ?", row -> {
			jdbc.update("UPDATE zaitaku_user SET totp_secret = ? WHERE username = ?", sealed(row.getString(1), row.getString(2)),
					row.getString(1));
		}, SecretSealing.SEALED_PREFIX + "%");
	}

	/** A TOTP secret as stored: sealed, bound to its account. */
	private String sealed(String username, String totpSecret) {
		return sealing.seal(totpSecret, "totp:" + username);
	}

	public Optional<Account> find(String username) {
		List<Account> found = jdbc.query("""
				SELECT username, password_hash, totp_secret, last_totp_step, fhir_user, display_name,
				       (NOT enabled OR (locked_until IS NOT NULL AND locked_until > now())) AS locked
				FROM zaitaku_user WHERE username = ?""",
				(row, i) -> new Account(row.getString(1), row.getString(2), sealing.open(row.getString(3), "totp:" + row.getString(1)),
						row.getLong(4), row.getString(5), row.getString(6), row.getBoolean(7)),
				username);
		return found.stream().findFirst();
	}

	/** Records a used TOTP step (a successful login: the attempt count and any lock start afresh); false when that step (or a later one) was used already. */
	boolean markTotpStepUsed(String username, long step) {
		return jdbc.update("""
				UPDATE zaitaku_user SET last_totp_step = ?, failed_logins = 0, locked_until = NULL
				WHERE username = ? AND last_totp_step < ?""", step, username, step) == 1;
	}

	/**
	 * Takes one attempt of the account's allowance before its password is checked; false when the
	 * account is disabled, unknown or locked. Taken first and in one statement, so parallel attempts
	 * cannot check more than {@value #MAX_FAILED_LOGINS} passwords before the lock; the attempt that
	 * uses up the allowance sets the lock (a successful login lifts it again). After a lock has expired
	 * the count starts afresh.
	 */
	boolean takeLoginAttempt(String username) {
		return jdbc.update("""
				UPDATE zaitaku_user SET
				       failed_logins = CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END,
				       locked_until = CASE
				           WHEN (CASE WHEN locked_until <= now() THEN 1 ELSE failed_logins + 1 END) >= ?
				               THEN now() + make_interval(secs => ?)
				           WHEN locked_until <= now() THEN NULL
				           ELSE locked_until END
				WHERE username = ? AND enabled AND (locked_until IS NULL OR locked_until <= now())""",
				MAX_FAILED_LOGINS, LOCK_TIME.toSeconds(), username) == 1;
	}

	/** Whether the account exists and is enabled (a lock after failed logins does not count here). */
	public boolean isEnabled(String username) {
		return !jdbc.queryForList("SELECT 1 FROM zaitaku_user WHERE username = ? AND enabled", Integer.class, username).isEmpty();
	}

	public Optional<String> fhirUserOf(String username) {
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
				user.username(), StoredSecrets.hashed(user.password()), sealed(user.username(), user.totpSecret()), user.fhirUser(),
				user.displayName(), user.role());
		administrators.remove(user.username());
	}

	/** An account as an administrator sees it: no password hash, no TOTP secret. */
	public record Summary(String username, String fhirUser, String displayName, String role, boolean enabled, Instant lockedUntil) {}

	public List<Summary> list() {
		return jdbc.query("SELECT username, fhir_user, display_name, role, enabled, locked_until FROM zaitaku_user ORDER BY username",
				(row, i) -> new Summary(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getBoolean(5),
						row.getTimestamp(6) == null ? null : row.getTimestamp(6).toInstant()));
	}

	/** Enables or disables an account (a disabled one cannot log in or refresh); false when there is none. */
	public boolean setEnabled(String username, boolean enabled) {
		return jdbc.update("UPDATE zaitaku_user SET enabled = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
				enabled, username) == 1;
	}

	/** A new TOTP secret: the old authenticator's codes stop working at once. False when there is no such account. */
	public boolean replaceTotpSecret(String username, String base32Secret) {
		return jdbc.update("UPDATE zaitaku_user SET totp_secret = ?, last_totp_step = 0 WHERE username = ?", sealed(username, base32Secret),
				username) == 1;
	}

	public boolean remove(String username) {
		administrators.remove(username);
		return jdbc.update("DELETE FROM zaitaku_user WHERE username = ?", username) == 1;
	}
}
