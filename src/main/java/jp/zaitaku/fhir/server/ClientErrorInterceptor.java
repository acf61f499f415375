package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRFormatError;
import org.springframework.stereotype.Component;

/**
 * Input HAPI fails to read in some corners (a {@code _count} of "abc" on {@code $everything}, an XHTML
 * narrative it cannot parse, a malformed {@code near}) surfaces as a 500. These are the caller's
 * mistakes: answer 400 with what was wrong. Anything else stays a 500, which is a bug to fix.
 */
@Component
@Interceptor
public class ClientErrorInterceptor implements FhirServerInterceptor {

	/**
	 * {@code _filter} is not enabled on this server, and HAPI's parser fails on malformed ones. A
	 * malformed {@code near} is refused here too: HAPI would find out only on its search thread and log
	 * the caller's mistake as an ERROR there.
	 */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.REFUSE_UNSUPPORTED_PARAMETERS)
	public boolean refuseUnsupportedParameters(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null) {
			return true;
		}
		if (parameters.containsKey(Constants.PARAM_FILTER)) {
			throw new InvalidRequestException("The _filter search parameter is not supported by this server");
		}
		parameters.forEach((name, values) -> {
			if (name.equals("near") || name.endsWith(".near")) {
				for (String value : values) {
					for (String alternative : value.split(",")) {
						requireNearPosition(name, alternative);
					}
				}
			}
		});
		return true;
	}

	/** {@code latitude|longitude[|distance[|units]]}, numbers in their ranges. */
	private static void requireNearPosition(String name, String value) {
		String[] parts = value.split("\\|", -1);
		boolean wellFormed = parts.length >= 2 && parts.length <= 4
				&& inRange(parts[0], 90) && inRange(parts[1], 180)
				&& (parts.length < 3 || parts[2].isEmpty() || inRange(parts[2], Double.MAX_VALUE) && Double.parseDouble(parts[2]) >= 0);
		if (!wellFormed) {
			throw new InvalidRequestException("Invalid " + name + " value '" + value
					+ "': expected latitude|longitude, optionally followed by |distance and |units (e.g. 35.73|139.65|2|km)");
		}
	}

	private static boolean inRange(String number, double limit) {
		try {
			double value = Double.parseDouble(number.trim());
			return !Double.isNaN(value) && Math.abs(value) <= limit;
		} catch (NumberFormatException notANumber) {
			return false;
		}
	}

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = InterceptorOrder.CLIENT_ERRORS_ARE_400)
	public BaseServerResponseException callerMistakeIsA400(Throwable exception) {
		if (exception instanceof BaseServerResponseException known && !(known instanceof InternalErrorException)) {
			return null;
		}
		Throwable cause = causedByInput(exception);
		return cause == null ? null : new InvalidRequestException("Invalid request: " + cause.getMessage(), cause);
	}

	/**
	 * HAPI runs searches on a worker thread and re-creates a failure there as a bare 500 carrying only
	 * the message; these message codes are input checks (1230: a {@code near} value that is not
	 * latitude|longitude[|distance|units]).
	 */
	private static final java.util.List<String> INPUT_CHECK_CODES = java.util.List.of("HAPI-1230:");

	private static Throwable causedByInput(Throwable exception) {
		if (exception instanceof InternalErrorException && exception.getMessage() != null
				&& INPUT_CHECK_CODES.stream().anyMatch(exception.getMessage()::startsWith)) {
			return exception;
		}
		for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof NumberFormatException
					|| t instanceof DataFormatException
					|| t instanceof FHIRFormatError
					|| (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("HAPI-"))) {
				return t;
			}
		}
		return null;
	}
}
