package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.executor.BaseInterceptorService;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * HAPI logs every exception an interceptor throws at ERROR with its stack trace, including the 4xx
 * refusals our interceptors throw on purpose (strict parsing, profile validation). A caller's bad
 * request is answered with an OperationOutcome and is no operator's problem, so those lines are
 * dropped; a 5xx or any other exception is still logged.
 */
@Component
class ClientErrorLogFilter extends TurboFilter {

	private static final String HAPI_INTERCEPTOR_LOGGER = BaseInterceptorService.class.getName();

	ClientErrorLogFilter() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			logback.addTurboFilter(this);
			start();
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.ERROR || logger == null || !HAPI_INTERCEPTOR_LOGGER.equals(logger.getName()) || params == null) {
			return FilterReply.NEUTRAL;
		}
		for (Object param : params) {
			if (param instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500) {
				return FilterReply.DENY;
			}
		}
		return FilterReply.NEUTRAL;
	}
}
