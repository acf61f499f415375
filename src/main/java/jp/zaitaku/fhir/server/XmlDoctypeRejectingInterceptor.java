package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Refuses XML bodies that carry a document type declaration. FHIR XML never needs one, and a DTD is
 * how external-entity (XXE) and entity-expansion ("billion laughs") attacks are delivered; HAPI's
 * parser happens to refuse some of them, but we do not rely on a parser detail for this.
 */
@Component
@Interceptor
public class XmlDoctypeRejectingInterceptor implements FhirServerInterceptor {

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.REFUSE_XML_DOCTYPE)
	public boolean rejectDoctype(RequestDetails request) {
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("xml")) {
			return true;
		}
		byte[] body = request.loadRequestContents();
		if (body != null && declaresDoctype(body)) {
			throw new InvalidRequestException(
					"XML with a DOCTYPE declaration is not accepted (FHIR XML has no DTD; DTDs carry XXE attacks)");
		}
		return true;
	}

	static boolean declaresDoctype(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
		return text.contains("<!DOCTYPE") || text.contains("<!ENTITY");
	}
}
