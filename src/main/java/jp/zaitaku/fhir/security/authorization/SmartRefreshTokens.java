package jp.zaitaku.fhir.security.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens only when the app was granted {@code offline_access} (long-lived) or
 * {@code online_access} (a working day), and never to public apps, which cannot authenticate a
 * refresh request.
 */
final class SmartRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
	private final Duration offline;
	private final Duration online;

	SmartRefreshTokens(Duration offline, Duration online) {
		this.offline = offline;
		this.online = online;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		// The scopes of the whole authorization: a refresh that narrows its scope keeps its refresh token.
		java.util.Set<String> granted = context.getAuthorization() != null
				? context.getAuthorization().getAuthorizedScopes() : context.getAuthorizedScopes();
		Duration lifetime = granted.contains("offline_access") ? offline : granted.contains("online_access") ? online : null;
		if (lifetime == null) {
			return null;
		}
		if (context.getAuthorizationGrant() != null
				&& context.getAuthorizationGrant().getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())) {
			return null;
		}
		Instant now = Instant.now();
		return new OAuth2RefreshToken(values.generateKey(), now, now.plus(lifetime));
	}
}
