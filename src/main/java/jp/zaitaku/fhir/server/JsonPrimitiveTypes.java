package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * In FHIR JSON a boolean is a JSON boolean and a number a JSON number: {@code "active":"true"} or
 * {@code "multipleBirthInteger":"2"} are not FHIR, though HAPI's parser reads them. The body as sent is
 * set beside the resource as HAPI re-encodes it; where HAPI writes a boolean or a number and the body
 * had something else (or the other way round), the body is refused with 400 naming the element.
 */
final class JsonPrimitiveTypes {

	private static final ObjectMapper JSON = new ObjectMapper();

	private JsonPrimitiveTypes() {}

	static void check(FhirContext fhirContext, String body, IBaseResource parsed) {
		try {
			JsonNode sent = JSON.readTree(body);
			JsonNode asFhir = JSON.readTree(fhirContext.newJsonParser().encodeResourceToString(parsed));
			compare(sent, asFhir, "");
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new InvalidRequestException("The body cannot be read as JSON: " + e.getOriginalMessage());
		}
	}

	private static void compare(JsonNode sent, JsonNode asFhir, String path) {
		if (sent.isObject() && asFhir.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = asFhir.fields(); fields.hasNext(); ) {
				Map.Entry<String, JsonNode> field = fields.next();
				JsonNode sentField = sent.get(field.getKey());
				if (sentField != null) {
					compare(sentField, field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
				}
			}
		} else if (sent.isArray() && asFhir.isArray()) {
			for (int i = 0; i < Math.min(sent.size(), asFhir.size()); i++) {
				compare(sent.get(i), asFhir.get(i), path + "[" + i + "]");
			}
		} else if (sent.isValueNode() && asFhir.isValueNode() && kind(sent) != kind(asFhir)) {
			throw new InvalidRequestException("The resource is not valid FHIR R4: " + path + " must be a JSON " + kind(asFhir)
					+ ", not the JSON " + kind(sent) + " " + sent);
		}
	}

	private enum Kind { BOOLEAN, NUMBER, STRING, NULL }

	private static Kind kind(JsonNode value) {
		if (value.isBoolean()) {
			return Kind.BOOLEAN;
		}
		if (value.isNumber()) {
			return Kind.NUMBER;
		}
		return value.isNull() ? Kind.NULL : Kind.STRING;
	}
}
