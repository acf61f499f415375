package jp.zaitaku.fhir.security.authorization;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.zaitaku.fhir.security.SecurityEnabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Removes, every hour, what the authorization server no longer needs: authorizations whose every
 * token has expired (or that never got one within a day: an abandoned consent), their launch
 * contexts, used or expired EHR launches, the ids of expired client assertions, and signing keys
 * no longer published. Each statement stands alone; two servers on one database may both run it.
 */
@Component
@SecurityEnabled
public class ExpiredAuthorizations implements DisposableBean {

	static final Duration EVERY = Duration.ofHours(1);
	/** How long a row without any token may wait for its consent. */
	static final Duration UNFINISHED = Duration.ofDays(1);
	private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);
	private static final String LAST_EXPIRY = "greatest(authorization_code_expires_at, access_token_expires_at,"
			+ " oidc_id_token_expires_at, refresh_token_expires_at)";

	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "zaitaku-expired-authorizations");
		thread.setDaemon(true);
		return thread;
	});

	ExpiredAuthorizations(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		timer.scheduleWithFixedDelay(this::removeQuietly, 10, EVERY.toMinutes(), TimeUnit.MINUTES);
	}

	/** Removes what expired before {@code now}; returns how many authorizations went. */
	public int removeExpired(Instant now) {
		// Spring Authorization Server writes its expiry columns (timestamp without zone) from Instants in the JVM's zone.
		Timestamp local = Timestamp.from(now);
		OffsetDateTime utc = now.atOffset(ZoneOffset.UTC);
		int authorizations = jdbc.update("DELETE FROM oauth2_authorization WHERE " + LAST_EXPIRY + " < ? OR (" + LAST_EXPIRY
				+ " IS NULL AND created_at < ?)", local, utc.minus(UNFINISHED));
		jdbc.update("DELETE FROM zaitaku_launch_context c WHERE created_at < ?"
				+ " AND NOT EXISTS (SELECT 1 FROM oauth2_authorization a WHERE a.id = c.authorization_id)", utc.minus(UNFINISHED));
		jdbc.update("DELETE FROM zaitaku_smart_launch WHERE expires_at < ?", utc.minus(UNFINISHED));
		jdbc.update("DELETE FROM zaitaku_client_assertion_jti WHERE expires_at < ?", utc);
		jdbc.update("DELETE FROM zaitaku_signing_key WHERE NOT active AND retired_at < ?", utc);
		return authorizations;
	}

	private void removeQuietly() {
		try {
			int removed = removeExpired(clock.instant());
			if (removed > 0) {
				log.info("Removed {} expired authorizations", removed);
			}
		} catch (RuntimeException e) {
			log.warn("Removing expired authorizations failed; trying again in {}: {}", EVERY, e.getMessage());
		}
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}
}
