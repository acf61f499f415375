package jp.zaitaku.fhir.admin;

import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.authorization.ClientRegistration;
import jp.zaitaku.fhir.security.resourceserver.BearerTokenEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /admin/**} is a bearer-token API like {@code /fhir}, with the same access tokens (issued
 * here, for this server, not revoked), and only for tokens with the scope {@value #SCOPE}: a client
 * registered with it asks for it with client credentials. Without a token 401, with another 403.
 */
@Configuration(proxyBeanMethods = false)
@SecurityEnabled
class AdminApiSecurity {

	static final String SCOPE = ClientRegistration.ADMIN_SCOPE;

	@Bean
	@Order(3)
	SecurityFilterChain adminApiFilterChain(HttpSecurity http, JwtDecoder accessTokens) throws Exception {
		return BearerTokenEndpoints.chain(http, "/admin/**", accessTokens, request -> request.hasAuthority("SCOPE_" + SCOPE));
	}
}
