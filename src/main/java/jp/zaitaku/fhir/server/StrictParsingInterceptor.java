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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Reads every incoming resource strictly before HAPI stores it. HAPI's own parser is lenient: it
 * logs and drops what it does not understand (an element R4 does not have, an extension without a
 * url, a '#' reference to nothing), reads JSON that is not JSON (duplicate keys, single quotes) and
 * values of the wrong JSON type, and stores the rest, so a caller never learns that part of what it
 * sent was lost or changed. Here, in this order:
 * <ol>
 *   <li>the bytes must be UTF-8 ({@link RequestContentType} has refused other charsets already);
 *   <li>JSON must be strict JSON and XML in the FHIR namespace, within the size limits
 *       ({@link StrictJson}, {@link StrictXml}: 400, 413);
 *   <li>the resource must parse as FHIR R4 with nothing dropped (400 naming the element), with JSON
 *       primitives of their JSON type ({@link JsonPrimitiveTypes});
 *   <li>every primitive within its datatype and every narrative within FHIR's XHTML
 *       ({@link WrittenValueRules}: 400, 422).
 * </ol>
 * Stored data is still read leniently.
 */
@Component
@Interceptor
public class StrictParsingInterceptor implements FhirServerInterceptor {

	private static final Set<RestOperationTypeEnum> WRITES = Set.of(
			RestOperationTypeEnum.CREATE,
			RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.TRANSACTION,
			RestOperationTypeEnum.BATCH,
			RestOperationTypeEnum.PATCH);

	private final FhirContext fhirContext;
	private final FhirServerProperties limits;

	public StrictParsingInterceptor(FhirContext fhirContext, FhirServerProperties limits) {
		this.fhirContext = fhirContext;
		this.limits = limits;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.STRICT_PARSING)
	public void parseStrictly(RequestDetails request, RestOperationTypeEnum operation) {
		if (!WRITES.contains(operation)) {
			return;
		}
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return; // HAPI itself refuses a missing body
		}
		EncodingEnum encoding = EncodingEnum.forContentType(contentType);
		boolean jsonPatch = contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(Constants.CT_JSON_PATCH);
		if (encoding == null && !jsonPatch) {
			return; // a Binary's own bytes (a photo, a PDF); other content types are refused by RequestContentType
		}
		String text = utf8(body);
		if (encoding == EncodingEnum.JSON || jsonPatch) {
			StrictJson.check(text, limits.maxBodyValues(), limits.maxRepetitions());
		} else if (encoding == EncodingEnum.XML) {
			StrictXml.check(text, limits.maxBodyValues(), limits.maxRepetitions());
		}
		if (jsonPatch) {
			return; // a JSON Patch is no resource
		}
		IParser parser = encoding.newParser(fhirContext).setParserErrorHandler(new StrictErrorHandler());
		IBaseResource parsed;
		try {
			parsed = parser.parseResource(text);
		} catch (DataFormatException e) {
			throw new InvalidRequestException("The resource is not valid FHIR R4: " + e.getMessage());
		}
		if (encoding == EncodingEnum.JSON) {
			JsonPrimitiveTypes.check(fhirContext, text, parsed);
		}
		WrittenValueRules.check(fhirContext, parsed);
	}

	/** FHIR JSON and XML are UTF-8: a byte sequence that is not is refused, not read with replacement characters. */
	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(body)).toString();
		} catch (CharacterCodingException e) {
			throw new InvalidRequestException("The body is not valid UTF-8 (FHIR JSON and XML are UTF-8): " + e.getMessage());
		}
	}
}
