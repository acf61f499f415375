package jp.zaitaku.fhir.messaging;

import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.resourceserver.BearerTokenEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

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
		return BearerTokenEndpoints.chain(http, WebsocketNotifications.PATH + "/**", accessTokens, request -> request.authenticated());
	}
}
