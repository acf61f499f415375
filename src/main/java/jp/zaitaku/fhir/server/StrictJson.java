package jp.zaitaku.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A JSON body read as strict JSON (RFC 8259), before HAPI's lenient parser sees it: a key twice in one
 * object, single quotes, comments, a string with half of a UTF-16 surrogate pair (an escaped lone
 * surrogate, which PostgreSQL cannot store) are refused with 400; a body holding more values or longer arrays
 * than the limits, whatever its size in bytes, with 413.
 */
final class StrictJson {

	private static final JsonFactory JSON = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();

	private StrictJson() {}

	static void check(String body, int maxValues, int maxRepetitions) {
		int values = 0;
		Deque<int[]> arrays = new ArrayDeque<>();
		try (JsonParser parser = JSON.createParser(body)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
					if (token == JsonToken.FIELD_NAME) {
						requireWholeCharacters(parser.currentName(), parser);
					}
					continue;
				}
				if (token == JsonToken.END_ARRAY) {
					arrays.pop();
					continue;
				}
				if (++values > maxValues) {
					throw new PayloadTooLargeException("The body holds more than " + maxValues + " values (zaitaku.server.max-body-values)");
				}
				if (!arrays.isEmpty() && ++arrays.peek()[0] > maxRepetitions) {
					throw new PayloadTooLargeException("An array at " + parser.getParsingContext().getParent().pathAsPointer()
							+ " holds more than " + maxRepetitions + " entries (zaitaku.server.max-repetitions)");
				}
				if (token == JsonToken.START_ARRAY) {
					arrays.push(new int[1]);
				} else if (token == JsonToken.VALUE_STRING) {
					requireWholeCharacters(parser.getText(), parser);
				}
			}
		} catch (JsonParseException e) {
			throw new InvalidRequestException("The body is not strict JSON: " + e.getOriginalMessage()
					+ " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
		} catch (IOException e) {
			throw new InvalidRequestException("The body cannot be read as JSON: " + e.getMessage());
		}
	}

	/** A surrogate without its partner is no Unicode character: it cannot be stored or sent on. */
	private static void requireWholeCharacters(String text, JsonParser parser) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			} else if (Character.isSurrogate(c)) {
				throw new InvalidRequestException("The body has a string with half of a surrogate pair (\\u"
						+ Integer.toHexString(c) + ") at " + parser.getParsingContext().pathAsPointer()
						+ ": that is no Unicode character");
			}
		}
	}
}
