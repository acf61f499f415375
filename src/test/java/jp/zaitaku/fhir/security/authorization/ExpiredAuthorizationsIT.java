package jp.zaitaku.fhir.security.authorization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hourly clean-up removes what no one can use any more, and nothing that still works. */
class ExpiredAuthorizationsIT extends FhirServerTestBase {

	@Autowired
	private JdbcTemplate jdbc;
	@Autowired
	private ExpiredAuthorizations cleanup;

	@Test
	void expiredAuthorizationsGoAndLiveOnesStay() {
		Instant now = Instant.now();
		String expired = authorization(now.minusSeconds(60), null, now);
		String refreshable = authorization(now.minusSeconds(60), now.plus(Duration.ofDays(30)), now);
		String live = authorization(now.plusSeconds(300), null, now);
		String abandoned = authorization(null, null, now.minus(Duration.ofDays(2)));
		String awaitingConsent = authorization(null, null, now);
		String retiredKey = "retired-" + UUID.randomUUID();
		jdbc.update("INSERT INTO zaitaku_signing_key (kid, kty, jwk, active, created_at, retired_at) VALUES (?, 'EC', '{}', false, now(), ?)",
				retiredKey, Timestamp.from(now.minusSeconds(1)));

		cleanup.removeExpired(now);

		assertThat(remaining(List.of(expired, refreshable, live, abandoned, awaitingConsent)), equalTo(List.of(refreshable, live, awaitingConsent)));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM zaitaku_signing_key WHERE kid = ?", Integer.class, retiredKey), equalTo(0));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM zaitaku_signing_key WHERE active", Integer.class), equalTo(2));
	}

	private String authorization(Instant accessExpires, Instant refreshExpires, Instant created) {
		String id = UUID.randomUUID().toString();
		jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
				+ " access_token_value, access_token_expires_at, refresh_token_value, refresh_token_expires_at, created_at)"
				+ " VALUES (?, 'c', 'p', 'client_credentials', ?, ?, ?, ?, ?)", id, accessExpires == null ? null : TokenDigests.of(id),
				accessExpires == null ? null : Timestamp.from(accessExpires), refreshExpires == null ? null : TokenDigests.of("r" + id),
				refreshExpires == null ? null : Timestamp.from(refreshExpires), Timestamp.from(created));
		return id;
	}

	private List<String> remaining(List<String> ids) {
		return ids.stream().filter(id -> jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE id = ?", Integer.class, id) == 1)
				.toList();
	}
}
