package jp.zaitaku.fhir.security.resourceserver;

import jakarta.servlet.DispatcherType;
import java.util.function.Function;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * A filter chain for endpoints besides {@code /fhir} that take our access tokens (the administration
 * API, the websocket): stateless, no cookies or sessions, the bearer token checked as on {@code /fhir}.
 */
public final class BearerTokenEndpoints {

	private BearerTokenEndpoints() {}

	/** The chain for {@code pathPattern}; {@code authorization} says what a token must hold. */
	public static SecurityFilterChain chain(HttpSecurity http, String pathPattern, JwtDecoder accessTokens,
			Function<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl, AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> authorization)
			throws Exception {
		http.securityMatcher(AntPathRequestMatcher.antMatcher(pathPattern))
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable())
				.logout(logout -> logout.disable())
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(requests -> authorization.apply(requests
						.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
						.anyRequest()))
				.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(accessTokens)));
		return http.build();
	}
}
