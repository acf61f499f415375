package jp.zaitaku.fhir.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open development mode ({@code ZAITAKU_SECURITY_ENABLED=false}): no authorization at all. It says so
 * at start-up, on every request in the log, and in an {@code X-Zaitaku-Security: disabled} header on
 * every response, so nobody mistakes such a server for a protected one.
 */
@Configuration(proxyBeanMethods = false)
@SecurityDisabled
public class OpenModeSecurityConfig {

	private static final Logger log = LoggerFactory.getLogger(OpenModeSecurityConfig.class);

	@Bean
	SecurityFilterChain everythingOpen(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.csrf(csrf -> csrf.disable())
				.addFilterBefore(new WarnOnEveryRequest(), AnonymousAuthenticationFilter.class);
		return http.build();
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAtStartUp() {
		log.warn("""

				************************************************************************
				*  SECURITY DISABLED (ZAITAKU_SECURITY_ENABLED=false): open            *
				*  development mode. No authentication, no authorization: anyone who  *
				*  can reach this port can read and change all data. Never use it     *
				*  with real patient data or on a network others can reach.           *
				************************************************************************""");
	}

	private static final class WarnOnEveryRequest extends OncePerRequestFilter {
		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			log.warn("SECURITY DISABLED: {} {} served without authorization", request.getMethod(), request.getRequestURI());
			response.setHeader("X-Zaitaku-Security", "disabled");
			chain.doFilter(request, response);
		}
	}
}
