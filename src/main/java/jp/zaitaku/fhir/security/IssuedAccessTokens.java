package jp.zaitaku.fhir.security;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an access token is still one the authorization server stands by: issued here, not
 * revoked and not replaced by a refresh. Asked on every FHIR request, so it reads the one column it
 * needs (a hash-index lookup) instead of loading and deserialising the whole authorization.
 */
@Component
@SecurityEnabled
class IssuedAccessTokens {

	/** How Spring Authorization Server marks a revoked token in its stored metadata. */
	private static final String INVALIDATED = "\"metadata.token.invalidated\":true";

	private final JdbcTemplate jdbc;

	IssuedAccessTokens(JdbcTemplate jdbc, SecuritySchema schema) {
		this.jdbc = jdbc;
	}

	boolean isActive(String tokenValue) {
		List<String> metadata = jdbc.queryForList(
				"SELECT access_token_metadata FROM oauth2_authorization WHERE access_token_value = ?", String.class, tokenValue);
		return metadata.size() == 1 && metadata.get(0) != null && !metadata.get(0).replace(" ", "").contains(INVALIDATED);
	}
}
