package jp.zaitaku.fhir.audit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the FHIR requests that were answered before HAPI saw them: no or an invalid access token
 * (401), the firewall (400/405), a broken URL or an oversized body (400/413). It wraps Spring
 * Security's filter chain, so it needs nothing from the security package; what HAPI served,
 * {@link AccessAuditInterceptor} has recorded already.
 */
@Configuration(proxyBeanMethods = false)
public class UnservedRequestAudit {

	/** Just outside Spring Security's filter chain (Boot's SecurityProperties.DEFAULT_FILTER_ORDER is -100). */
	static final int ORDER = -101;

	/** Requests that carry no patient data, by path below {@code /fhir}. */
	private static final Pattern NO_PATIENT_DATA = Pattern.compile(
			"/(metadata|\\.well-known/smart-configuration|api-docs|swagger-ui(/.*)?)/?");
	private static final Pattern PATIENT_PATH = Pattern.compile("/Patient/([A-Za-z0-9\\-.]{1,64})(/.*)?");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> unservedRequestAuditFilter(AuditTrail trail, AuditEvents events, AuditProperties properties) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(trail, events, properties));
		registration.addUrlPatterns("/fhir/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		registration.setOrder(ORDER);
		return registration;
	}

	private static final class Filter extends OncePerRequestFilter {
		private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UnservedRequestAudit.class);
		private final AuditTrail trail;
		private final AuditEvents events;
		private final int maxPatients;

		Filter(AuditTrail trail, AuditEvents events, AuditProperties properties) {
			this.trail = trail;
			this.events = events;
			this.maxPatients = Math.max(1, properties.maxPatients());
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			} finally {
				if (request.getAttribute(AccessAuditInterceptor.HANDLED) == null && carriesPatientData(request)) {
					try {
						record(request, response.getStatus());
					} catch (RuntimeException e) {
						// The refusal has been answered; losing its record must not turn it into a 500.
						log.error("AuditEvent of a refused request {} {} not recorded", request.getMethod(), request.getRequestURI(), e);
					}
				}
			}
		}

		private static boolean carriesPatientData(HttpServletRequest request) {
			String path = pathBelowFhir(request);
			return !"OPTIONS".equals(request.getMethod()) && !NO_PATIENT_DATA.matcher(path).matches();
		}

		private void record(HttpServletRequest request, int status) {
			String path = pathBelowFhir(request);
			String url = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
			AuditRecord record = new AuditRecord(RestInteraction.guess(request.getMethod(), path),
					Caller.unauthenticated(request.getRemoteAddr()), url, maxPatients);
			Matcher patient = PATIENT_PATH.matcher(path);
			if (patient.matches()) {
				record.addPatient(patient.group(1));
			}
			AuditEntry entry = events.entry(record, status, status >= 400
					? status + " " + request.getMethod() + " " + url + ": refused before the FHIR server handled it" : null);
			trail.insert(entry);
			trail.log(entry);
		}

		private static String pathBelowFhir(HttpServletRequest request) {
			String uri = request.getRequestURI();
			String base = request.getContextPath() + "/fhir";
			return uri.startsWith(base) ? uri.substring(base.length()) : uri;
		}
	}
}
