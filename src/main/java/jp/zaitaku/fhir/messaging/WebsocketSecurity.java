package jp.zaitaku.fhir.messaging;

import jakarta.servlet.DispatcherType;
import jp.zaitaku.fhir.security.SecurityEnabled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * The websocket's handshake needs the caller's access token ({@code Authorization: Bearer …}), checked
 * as on {@code /fhir}: no token, or a bad one, is 401 before any websocket is opened.
 */
@Configuration(proxyBeanMethods = false)
@SecurityEnabled
class WebsocketSecurity {

	@Bean
	@Order(4)
	SecurityFilterChain websocketFilterChain(HttpSecurity http, JwtDecoder accessTokens) throws Exception {
		http.securityMatcher(AntPathRequestMatcher.antMatcher(WebsocketNotifications.PATH + "/**"))
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable())
				.logout(logout -> logout.disable())
				.requestCache(cache -> cache.disable())
				.authorizeHttpRequests(requests -> requests
						.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(accessTokens)));
		return http.build();
	}
}
