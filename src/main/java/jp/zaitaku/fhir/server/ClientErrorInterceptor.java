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

	private final ca.uhn.fhir.context.FhirContext fhirContext;

	public ClientErrorInterceptor(ca.uhn.fhir.context.FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

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
			for (String value : values) {
				requireKnownValue(name, value);
			}
			requireKnownModifier(name);
		});
		return true;
	}

	/**
	 * Result and paging parameters with a value outside their set are refused, not silently taken as
	 * the default: {@code _count=-1}, {@code _summary=bogus}, {@code _total=bogus}, {@code _since=bogus}.
	 */
	private static void requireKnownValue(String name, String value) {
		boolean known = switch (name) {
			case Constants.PARAM_COUNT, Constants.PARAM_OFFSET -> value.matches("[0-9]{1,9}");
			case Constants.PARAM_SUMMARY -> SUMMARY_VALUES.contains(value);
			case "_total" -> TOTAL_VALUES.contains(value);
			case Constants.PARAM_SINCE, Constants.PARAM_AT -> isDateTime(value);
			default -> true;
		};
		if (!known) {
			throw new InvalidRequestException("Invalid " + name + " value '" + value + "'" + switch (name) {
				case Constants.PARAM_COUNT, Constants.PARAM_OFFSET -> ": a whole number from 0";
				case Constants.PARAM_SUMMARY -> ": one of " + SUMMARY_VALUES;
				case "_total" -> ": one of " + TOTAL_VALUES;
				default -> ": a date and time (e.g. 2026-12-01T09:00:00+09:00)";
			});
		}
	}

	private static final java.util.List<String> SUMMARY_VALUES = java.util.List.of("true", "false", "text", "data", "count");
	private static final java.util.List<String> TOTAL_VALUES = java.util.List.of("none", "estimate", "accurate");
	/** The search modifiers of FHIR R4 (a resource type is a modifier of a reference too). */
	private static final java.util.Set<String> MODIFIERS = java.util.Set.of("missing", "exact", "contains", "text", "not",
			"above", "below", "in", "not-in", "of-type", "identifier", "iterate", "recurse");

	private static boolean isDateTime(String value) {
		try {
			new org.hl7.fhir.r4.model.DateTimeType(value);
			return true;
		} catch (RuntimeException malformed) {
			return false;
		}
	}

	/** {@code name:bogus=x} is refused with 400 naming the modifier, where HAPI ignores what it does not know. */
	private void requireKnownModifier(String name) {
		if (name.startsWith("_has") || !name.contains(":")) {
			return;
		}
		for (String part : name.split("\\.")) {
			int colon = part.indexOf(':');
			if (colon < 0 || part.startsWith("_has")) {
				continue;
			}
			String modifier = part.substring(colon + 1);
			if (!MODIFIERS.contains(modifier) && !fhirContext.getResourceTypes().contains(modifier)) {
				throw new InvalidRequestException("Unknown search modifier '" + modifier + "' in " + name
						+ ": one of " + new java.util.TreeSet<>(MODIFIERS) + " or a resource type");
			}
		}
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
	 * HAPI runs searches (and batch entries) on worker threads and re-creates a failure there as a bare
	 * 500 carrying only the message; these message codes are HAPI's checks of a caller's search values:
	 * dates and their prefixes, booleans, quantities, positions ({@code near}).
	 */
	private static final java.util.List<String> INPUT_CHECK_CODES = java.util.List.of("HAPI-1228:", "HAPI-1229:", "HAPI-1230:",
			"HAPI-1231:", "HAPI-1233:", "HAPI-1234:", "HAPI-1872:", "HAPI-1880:", "HAPI-1882:", "HAPI-1883:", "HAPI-1885:",
			"HAPI-1940:", "HAPI-1941:", "HAPI-2308:");

	/** Whether a failure's message is one of HAPI's checks of a caller's values (a 400, not a 500). */
	static boolean isInputCheckMessage(String message) {
		return message != null && INPUT_CHECK_CODES.stream().anyMatch(message::contains);
	}

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
