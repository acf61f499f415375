package jp.zaitaku.fhir.security.resourceserver;

import jp.zaitaku.fhir.security.SecurityDisabled;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open development mode ({@code ZAITAKU_SECURITY_ENABLED=false}): no authorization at all. It says so
 * at start-up, in the log while requests are served, and in an {@code X-Zaitaku-Security: disabled}
 * header on every response, so nobody mistakes such a server for a protected one.
 */
@Configuration(proxyBeanMethods = false)
@SecurityDisabled
public class OpenModeSecurityConfig {

	private static final Logger log = LoggerFactory.getLogger(OpenModeSecurityConfig.class);

	/**
	 * A chain that applies to no request: with nothing to check, Spring Security's dozen filters per
	 * request (security context, headers, request cache, anonymous user, authorization...) were a fifth
	 * of the CPU of a read. Its firewall still rejects malformed URLs. Declaring a chain also keeps
	 * Spring Boot's default one (a login form for everything) away.
	 */
	@Bean
	SecurityFilterChain nothingToCheck(HttpSecurity http) throws Exception {
		return http.securityMatcher(request -> false).build();
	}

	@Bean
	FilterRegistrationBean<OpenModeWarning> openModeWarning() {
		FilterRegistrationBean<OpenModeWarning> registration = new FilterRegistrationBean<>(new OpenModeWarning());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
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

	/**
	 * The header on every response; in the log the first request and then, at most once a minute, how
	 * many were served without authorization (a WARN line per request was a measurable part of a read's
	 * CPU and buried everything else in the log).
	 */
	static final class OpenModeWarning extends OncePerRequestFilter {

		private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

		private final AtomicLong served = new AtomicLong();
		private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			response.setHeader("X-Zaitaku-Security", "disabled");
			long count = served.incrementAndGet();
			long due = nextWarning.get();
			long now = System.nanoTime();
			if (now - due >= 0 && nextWarning.compareAndSet(due, now + INTERVAL_NANOS)) {
				served.addAndGet(-count);
				log.warn("SECURITY DISABLED: {} request(s) served without authorization since the last warning, the latest {} {}",
						count, request.getMethod(), request.getRequestURI());
			}
			chain.doFilter(request, response);
		}
	}
}
