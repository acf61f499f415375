package jp.zaitaku.fhir.security.authorization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.zaitaku.fhir.security.SecurityEnabled;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The authorizations the server has issued, for an administrator: who holds tokens (a client for
 * itself, or a person through an app), until when, with which scopes; and their revocation. The
 * tokens themselves are not here to show: only their digests are stored.
 */
@Component
@SecurityEnabled
public class IssuedAuthorizations {

	/** One authorization: a client's own (client credentials) or a person's through an app. */
	public record Summary(String id, String clientId, String principal, String grantType, Instant accessTokenExpiresAt,
			Instant refreshTokenExpiresAt, String scopes) {}

	private static final String SELECT = """
			SELECT a.id, c.client_id, a.principal_name, a.authorization_grant_type, a.access_token_expires_at,
			       a.refresh_token_expires_at, a.authorized_scopes, a.access_token_value
			FROM oauth2_authorization a LEFT JOIN oauth2_registered_client c ON c.id = a.registered_client_id
			WHERE (CAST(? AS varchar) IS NULL OR c.client_id = ?) AND (CAST(? AS varchar) IS NULL OR a.principal_name = ?)
			  AND (CAST(? AS varchar) IS NULL OR a.id = ?)
			ORDER BY a.access_token_issued_at DESC NULLS LAST""";

	private final JdbcTemplate jdbc;
	private final IssuedAccessTokens issued;

	IssuedAuthorizations(JdbcTemplate jdbc, IssuedAccessTokens issued) {
		this.jdbc = jdbc;
		this.issued = issued;
	}

	/** Those of a client and/or a person (user name; a client's own are under its client id); null matches any. */
	public List<Summary> list(String clientId, String principal) {
		return jdbc.query(SELECT, (row, i) -> summary(row), clientId, clientId, principal, principal, null, null);
	}

	/** Revokes every token of a client and/or a person at once; returns how many authorizations ended. */
	public int revoke(String clientId, String principal) {
		return revoke(clientId, principal, null);
	}

	/** Revokes one authorization; false when there is none with that id. */
	public boolean revoke(String id) {
		return revoke(null, null, id) == 1;
	}

	private int revoke(String clientId, String principal, String id) {
		if (clientId == null && principal == null && id == null) {
			throw new IllegalArgumentException("name a client, a person or an authorization");
		}
		List<String> ids = new ArrayList<>();
		jdbc.query(SELECT, row -> {
			ids.add(row.getString("id"));
			if (row.getString("access_token_value") != null) {
				issued.forget(row.getString("access_token_value")); // a digest, as the cache keeps it
			}
		}, clientId, clientId, principal, principal, id, id);
		ids.forEach(gone -> jdbc.update("DELETE FROM oauth2_authorization WHERE id = ?", gone));
		return ids.size();
	}

	private static Summary summary(ResultSet row) throws SQLException {
		return new Summary(row.getString("id"), row.getString("client_id"), row.getString("principal_name"),
				row.getString("authorization_grant_type"), instant(row.getTimestamp("access_token_expires_at")),
				instant(row.getTimestamp("refresh_token_expires_at")), row.getString("authorized_scopes"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
