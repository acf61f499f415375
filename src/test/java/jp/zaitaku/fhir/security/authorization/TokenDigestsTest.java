package jp.zaitaku.fhir.security.authorization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class TokenDigestsTest {

	@Test
	void aDigestIsStableAndNotDigestedTwice() {
		// SHA-256 of "abc", unpadded base64url.
		assertThat(TokenDigests.of("abc"), equalTo("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"));
		assertThat(TokenDigests.of(TokenDigests.of("abc")), equalTo(TokenDigests.of("abc")));
	}

	@Test
	void everyTokenAndTheStateAreStoredAsDigestsAndThePresentedOneComesBack() {
		Instant now = Instant.now();
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client()).principalName("nurse")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-jwt", now, now.plusSeconds(60), Set.of("openid")))
				.refreshToken(new OAuth2RefreshToken("refresh-value", now, now.plusSeconds(600)))
				.attribute(OAuth2ParameterNames.STATE, "consent-state").build();
		OAuth2Authorization stored = TokenDigests.digested(authorization);
		assertThat(stored.getAccessToken().getToken().getTokenValue(), equalTo(TokenDigests.of("access-jwt")));
		assertThat(stored.getRefreshToken().getToken().getTokenValue(), equalTo(TokenDigests.of("refresh-value")));
		assertThat(stored.getAttribute(OAuth2ParameterNames.STATE), equalTo(TokenDigests.of("consent-state")));
		assertThat(stored.getAccessToken().getToken().getScopes(), equalTo(Set.of("openid")));

		OAuth2Authorization found = TokenDigests.presenting(stored, "refresh-value");
		assertThat(found.getToken("refresh-value").getToken().getTokenValue(), equalTo("refresh-value"));
		assertThat(found.getAccessToken().getToken().getTokenValue(), startsWith(TokenDigests.PREFIX));
	}

	private static RegisteredClient client() {
		return RegisteredClient.withId("1").clientId("app").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("https://app.example.jp/cb").build();
	}
}
