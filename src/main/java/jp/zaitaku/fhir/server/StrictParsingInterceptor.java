package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads every incoming resource strictly before HAPI stores it. HAPI's own parser is lenient: it
 * logs and drops what it does not understand (an element R4 does not have, an extension without a
 * url, a number where a string belongs, a '#' reference to nothing) and stores the rest, so a caller
 * never learns that part of what it sent was lost. Here such a body gets 400 naming the element.
 * Stored data is still read leniently.
 */
@Component
@Interceptor
public class StrictParsingInterceptor implements FhirServerInterceptor {

	private static final Set<RestOperationTypeEnum> WRITES = Set.of(
			RestOperationTypeEnum.CREATE,
			RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.TRANSACTION,
			RestOperationTypeEnum.BATCH);

	private final FhirContext fhirContext;

	public StrictParsingInterceptor(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.STRICT_PARSING)
	public void parseStrictly(RequestDetails request, RestOperationTypeEnum operation) {
		if (!WRITES.contains(operation)) {
			return;
		}
		EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader(Constants.HEADER_CONTENT_TYPE));
		byte[] body = request.loadRequestContents();
		if (encoding == null || body == null || body.length == 0) {
			return; // HAPI itself refuses a missing body or a non-FHIR content type
		}
		IParser parser = encoding.newParser(fhirContext).setParserErrorHandler(new StrictErrorHandler());
		try {
			parser.parseResource(new String(body, StandardCharsets.UTF_8));
		} catch (DataFormatException e) {
			throw new InvalidRequestException("The resource is not valid FHIR R4: " + e.getMessage());
		}
	}
}
