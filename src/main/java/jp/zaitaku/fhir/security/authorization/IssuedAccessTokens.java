package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Whether an access token is still one the authorization server stands by: issued here, not
 * revoked and not replaced by a refresh. Asked on every FHIR request: a token once verified (signature,
 * audience, database) is kept for {@link #KEPT} so the next requests skip the signature check and the
 * database lookup; revoking or refreshing a token through the authorization server forgets it at once
 * ({@link RevocationAwareAuthorizationService}). Only a row deleted by hand takes up to {@link #KEPT}.
 */
@Component
@SecurityEnabled
public class IssuedAccessTokens {

	static final Duration KEPT = Duration.ofSeconds(60);
	/** How Spring Authorization Server marks a revoked token in its stored metadata. */
	private static final String INVALIDATED = "\"metadata.token.invalidated\":true";

	private final JdbcTemplate jdbc;
	/** By the token's digest: not even the server's memory keeps a token longer than the request. */
	private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(KEPT).build();

	IssuedAccessTokens(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A token verified within {@link #KEPT} and not yet expired, or null. */
	public Jwt recentlyVerified(String tokenValue) {
		Jwt jwt = verified.getIfPresent(TokenDigests.of(tokenValue));
		return jwt != null && jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(Instant.now()) ? jwt : null;
	}

	public void remember(String tokenValue, Jwt jwt) {
		verified.put(TokenDigests.of(tokenValue), jwt);
	}

	/** The token (or its digest, as stored) was revoked or replaced: the next request checks it again (and fails). */
	void forget(String tokenValue) {
		verified.invalidate(TokenDigests.of(tokenValue));
	}

	public boolean isActive(String tokenValue) {
		List<String> metadata = jdbc.queryForList(
				"SELECT access_token_metadata FROM oauth2_authorization WHERE access_token_value = ?", String.class,
				TokenDigests.of(tokenValue));
		return metadata.size() == 1 && metadata.get(0) != null && !metadata.get(0).replace(" ", "").contains(INVALIDATED);
	}
}
