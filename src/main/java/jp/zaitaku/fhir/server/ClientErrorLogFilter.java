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
 * Drops ERROR lines about what is a caller's business, answered with a 4xx OperationOutcome and
 * recorded in the audit trail, not an operator's problem:
 * <ul>
 *   <li>HAPI logs every exception an interceptor throws at ERROR with its stack trace, including the
 *       4xx refusals our interceptors throw on purpose (strict parsing, profile validation);
 *   <li>two conditional creates with the same condition at the same moment: HAPI lets the database's
 *       unique key on the condition decide, the loser gets a 409, and Hibernate logs the violated key
 *       ({@value #CONDITIONAL_CREATE_KEY}) at ERROR;
 *   <li>a batch entry that failed on a caller's malformed search value, answered 400;
 *   <li>the 503 of a full-text search while the index catches up after a crash (announced at WARN).
 * </ul>
 * A 5xx, any other exception and any other SQL error are still logged.
 */
@Component
class ClientErrorLogFilter extends TurboFilter {

	private static final String HAPI_INTERCEPTOR_LOGGER = BaseInterceptorService.class.getName();
	private static final String SQL_ERROR_LOGGER = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";
	private static final String BATCH_LOGGER = "ca.uhn.fhir.jpa.dao.BaseTransactionProcessor";
	static final String CONDITIONAL_CREATE_KEY = "hfj_res_search_url_pkey";

	ClientErrorLogFilter() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			logback.addTurboFilter(this);
			start();
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.ERROR || logger == null) {
			return FilterReply.NEUTRAL;
		}
		if (isDeliberatePause(t) || (params != null && java.util.Arrays.stream(params).anyMatch(ClientErrorLogFilter::isDeliberatePause))) {
			return FilterReply.DENY; // wherever HAPI logs it: the interceptor service, a search task of a batch
		}
		if (BATCH_LOGGER.equals(logger.getName())) {
			// A batch entry that failed on the caller's malformed value: answered 400 (BatchEntryStatuses).
			return t != null && ClientErrorInterceptor.isInputCheckMessage(t.getMessage()) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}
		if (SQL_ERROR_LOGGER.equals(logger.getName())) {
			return format != null && format.contains(CONDITIONAL_CREATE_KEY) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}
		if (!HAPI_INTERCEPTOR_LOGGER.equals(logger.getName()) || params == null) {
			return FilterReply.NEUTRAL;
		}
		for (Object param : params) {
			if (param instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500) {
				return FilterReply.DENY;
			}
		}
		return FilterReply.NEUTRAL;
	}

	/** A 503 with Retry-After thrown on purpose (the full-text index catching up): a known state, logged where it begins. */
	private static boolean isDeliberatePause(Object thrown) {
		return thrown instanceof BaseServerResponseException refusal
				&& refusal.getStatusCode() == 503 && refusal.getResponseHeaders().containsKey("Retry-After");
	}
}
