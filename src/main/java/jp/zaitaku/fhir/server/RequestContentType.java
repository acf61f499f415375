package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A request body must be in a format the server reads: FHIR JSON or XML (with their plain
 * {@code application/json} and {@code application/xml} names), a JSON Patch for PATCH, a form for
 * {@code POST _search}, and anything for a Binary. In UTF-8: a {@code charset} other than UTF-8 is
 * refused, not guessed at. Otherwise 415 Unsupported Media Type, naming what is accepted (HAPI would
 * try, and answer some formats, Turtle among them, with a 500).
 */
@Component
@Interceptor
public class RequestContentType implements FhirServerInterceptor {

	static final int UNSUPPORTED_MEDIA_TYPE = 415;
	private static final Set<String> FHIR = Set.of(Constants.CT_FHIR_JSON_NEW, Constants.CT_FHIR_JSON, "application/json",
			Constants.CT_FHIR_XML_NEW, Constants.CT_FHIR_XML, "application/xml", "text/xml");
	private static final Set<RequestTypeEnum> WITH_BODY = Set.of(RequestTypeEnum.POST, RequestTypeEnum.PUT, RequestTypeEnum.PATCH);

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.REFUSE_UNSUPPORTED_MEDIA_TYPES)
	public boolean acceptOnlyWhatIsRead(RequestDetails request) {
		if (!WITH_BODY.contains(request.getRequestType()) || "Binary".equals(request.getResourceName())) {
			return true;
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return true;
		}
		String header = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		String mediaType = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		boolean accepted = FHIR.contains(mediaType)
				|| (request.getRequestType() == RequestTypeEnum.PATCH && mediaType.equals(Constants.CT_JSON_PATCH))
				|| (request.getRequestType() == RequestTypeEnum.POST && mediaType.equals(Constants.CT_X_FORM_URLENCODED)
						&& request.getRequestPath().endsWith("_search"));
		if (!accepted) {
			throw new UnclassifiedServerFailureException(UNSUPPORTED_MEDIA_TYPE, (header == null ? "A body without Content-Type"
					: "Content-Type " + header) + " is not read here: send FHIR JSON (application/fhir+json) or XML"
					+ " (application/fhir+xml)" + (request.getRequestType() == RequestTypeEnum.PATCH ? ", or a JSON Patch (application/json-patch+json)" : ""));
		}
		String charset = charsetOf(header);
		if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
			throw new UnclassifiedServerFailureException(UNSUPPORTED_MEDIA_TYPE,
					"charset=" + charset + " is not read here: FHIR JSON and XML are UTF-8 (charset=UTF-8, or no charset)");
		}
		return true;
	}

	private static String charsetOf(String header) {
		for (String parameter : header.split(";")) {
			String[] pair = parameter.trim().split("=", 2);
			if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
				return pair[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}
}
