package jp.zaitaku.fhir.security.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * Tokens are stored as their SHA-256 digest ({@code sha256:} and the digest in unpadded base64url),
 * never as themselves: a copy of the database, a backup or a log of its queries holds nothing a caller
 * could present. A token presented to the server is digested and looked up by its digest. Migration
 * {@code V2026_12_08_1__tokens_and_keys_at_rest} digests older rows with the same function in SQL.
 */
final class TokenDigests {

	static final String PREFIX = "sha256:";

	/** The token types an authorization holds, each stored under its own value column. */
	private static final List<Class<? extends OAuth2Token>> TOKEN_TYPES = List.of(OAuth2AuthorizationCode.class,
			OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

	private TokenDigests() {}

	/** The digest of a token value; a digest stays as it is (a stored authorization is saved again as read). */
	static String of(String value) {
		if (value == null || value.startsWith(PREFIX)) {
			return value;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

	/** The authorization as it is stored: every token and the {@code state} replaced by their digests. */
	static OAuth2Authorization digested(OAuth2Authorization authorization) {
		OAuth2Authorization.Builder stored = OAuth2Authorization.from(authorization);
		for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null) {
				stored.token(withValue(token.getToken(), of(token.getToken().getTokenValue())), metadata -> {});
			}
		}
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			stored.attribute(OAuth2ParameterNames.STATE, of(state));
		}
		return stored.build();
	}

	/**
	 * A stored authorization as found by a presented token: that token carries its own value again,
	 * so the authorization server's checks that compare values ({@code getToken(value)} for
	 * revocation and introspection) work; the other tokens stay digests.
	 */
	static OAuth2Authorization presenting(OAuth2Authorization stored, String presented) {
		String digest = of(presented);
		OAuth2Authorization.Builder found = OAuth2Authorization.from(stored);
		for (Class<? extends OAuth2Token> type : TOKEN_TYPES) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = stored.getToken(type);
			if (token != null && digest.equals(token.getToken().getTokenValue())) {
				found.token(withValue(token.getToken(), presented), metadata -> {});
			}
		}
		if (digest.equals(stored.getAttribute(OAuth2ParameterNames.STATE))) {
			found.attribute(OAuth2ParameterNames.STATE, presented);
		}
		return found.build();
	}

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(), access.getScopes());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
		}
		if (token instanceof OAuth2RefreshToken refresh) {
			return new OAuth2RefreshToken(value, refresh.getIssuedAt(), refresh.getExpiresAt());
		}
		if (token instanceof OAuth2AuthorizationCode code) {
			return new OAuth2AuthorizationCode(value, code.getIssuedAt(), code.getExpiresAt());
		}
		throw new IllegalStateException("a token of an unexpected type: " + token.getClass().getName());
	}
}
