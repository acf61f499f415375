package jp.zaitaku.fhir.security.authorization;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization server's JDBC store. It keeps every token as its digest ({@link TokenDigests}),
 * finds an authorization by the digest of the token presented, and tells {@link IssuedAccessTokens}
 * when an access token stops being valid (revoked, replaced by a refresh, removed), so a token it had
 * verified recently is checked again on its next use.
 */
final class RevocationAwareAuthorizationService extends JdbcOAuth2AuthorizationService {

	private final IssuedAccessTokens issued;

	RevocationAwareAuthorizationService(JdbcOperations jdbc, RegisteredClientRepository clients, IssuedAccessTokens issued) {
		super(jdbc, clients);
		this.issued = issued;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization previous = findById(authorization.getId());
		forgetAccessToken(previous);
		super.save(TokenDigests.digested(authorization));
		forgetAccessToken(authorization);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		OAuth2Authorization stored = super.findByToken(TokenDigests.of(token), tokenType);
		return stored == null ? null : TokenDigests.presenting(stored, token);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		super.remove(authorization);
		forgetAccessToken(authorization);
	}

	private void forgetAccessToken(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization == null ? null : authorization.getAccessToken();
		if (token != null) {
			issued.forget(token.getToken().getTokenValue());
		}
	}
}
