package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.springframework.stereotype.Component;

/**
 * HAPI answers a write that broke a database constraint with 409 and the SQL statement in the
 * message ("could not execute batch [insert into HFJ_RES_SEARCH_URL … values (…)]"): table names,
 * internal ids and values that are nobody's business. The 409 stays; the message says what happened
 * in FHIR terms. The full text is still in the server log (HAPI logs the failure before this runs).
 */
@Component
@Interceptor
public class StorageConflictMessages implements FhirServerInterceptor {

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.STORAGE_CONFLICTS_WITHOUT_SQL)
	public BaseServerResponseException withoutSql(Throwable exception) {
		if (!(exception instanceof ResourceVersionConflictException conflict) || conflict.getMessage() == null) {
			return null;
		}
		String message = conflict.getMessage();
		if (message.contains("HFJ_RES_SEARCH_URL")) {
			return new ResourceVersionConflictException("HAPI-0550: a resource was already created through the same conditional"
					+ " create URL (If-None-Exist), but this request's search did not find it: it was created at the same moment,"
					+ " or this caller may not read it. Nothing was stored.");
		}
		if (message.contains("could not execute") || message.toLowerCase(java.util.Locale.ROOT).contains("insert into")
				|| message.toLowerCase(java.util.Locale.ROOT).contains("constraint")) {
			return new ResourceVersionConflictException("HAPI-0550: the write conflicted with another write made at the same"
					+ " moment. Nothing was stored; retry.");
		}
		return null;
	}
}
