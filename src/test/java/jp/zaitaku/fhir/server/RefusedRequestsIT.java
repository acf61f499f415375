package jp.zaitaku.fhir.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests HAPI would store, or answer with a 500, refused with the exact 4xx and an OperationOutcome
 * that names what is wrong, class by class. Types the guide does not profile (Observation, Basic) are
 * used where a profile's 422 could hide the class under test.
 */
class RefusedRequestsIT extends FhirServerTestBase {

	private static final String JSON = "application/fhir+json";
	private static final String XML = "application/fhir+xml";
	private static final String OBSERVATION = """
			{"resourceType":"Observation","status":"final","code":{"text":"体温"}%s}""";

	private record Sent(String name, String method, String path, String contentType, byte[] body, int status, String says) {}

	private static Sent sent(String name, String method, String path, String contentType, String body, int status, String says) {
		return new Sent(name, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), status, says);
	}

	private static Sent observation(String name, String fields, int status, String says) {
		return sent(name, "POST", "/fhir/Observation", JSON, OBSERVATION.formatted(fields), status, says);
	}

	private Stream<DynamicTest> expect(Sent... cases) {
		return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
			String response = rawRequest(c.method(), c.path(), c.contentType(), c.body());
			assertThat(c.name() + "\n" + response, response.substring(9, 12), equalTo(Integer.toString(c.status())));
			assertThat(c.name(), response, containsString("OperationOutcome"));
			assertThat(c.name() + "\n" + response, response, containsString(c.says()));
		}));
	}

	@TestFactory
	Stream<DynamicTest> bytesAndEncodingsThatAreNotUtf8() {
		byte[] badJson = (OBSERVATION.formatted(",\"valueString\":\"") + "\"}").getBytes(StandardCharsets.UTF_8);
		byte[] withBadByte = new byte[badJson.length + 1];
		int cut = badJson.length - 2;
		System.arraycopy(badJson, 0, withBadByte, 0, cut);
		withBadByte[cut] = (byte) 0xff;
		System.arraycopy(badJson, cut, withBadByte, cut + 1, 2);
		return expect(
				new Sent("invalid UTF-8 in JSON", "POST", "/fhir/Observation", JSON, withBadByte, 400, "not valid UTF-8"),
				new Sent("invalid UTF-8 in XML", "POST", "/fhir/Basic", XML,
						"<Basic xmlns=\"http://hl7.org/fhir\"><code><text value=\"\u00ff\"/></code></Basic>".getBytes(StandardCharsets.ISO_8859_1),
						400, "not valid UTF-8"),
				sent("charset ISO-8859-1", "POST", "/fhir/Observation", JSON + "; charset=ISO-8859-1", OBSERVATION.formatted(""), 415, "UTF-8"),
				sent("a bogus charset", "POST", "/fhir/Observation", JSON + "; charset=bogus", OBSERVATION.formatted(""), 415, "charset=bogus"),
				sent("XML declaring Shift_JIS", "POST", "/fhir/Basic", XML,
						"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><Basic xmlns=\"http://hl7.org/fhir\"><code><text value=\"x\"/></code></Basic>",
						400, "Shift_JIS"),
				sent("Turtle", "POST", "/fhir/Observation", "application/fhir+turtle", "@prefix fhir: <http://hl7.org/fhir/> .", 415,
						"application/fhir+json"),
				sent("plain text", "POST", "/fhir/Observation", "text/plain", OBSERVATION.formatted(""), 415, "application/fhir+json"));
	}

	@TestFactory
	Stream<DynamicTest> jsonThatIsNotStrictJson() {
		return expect(
				observation("a key twice", ",\"status\":\"amended\"", 400, "Duplicate field 'status'"),
				sent("single quotes", "POST", "/fhir/Observation", JSON,
						"{'resourceType':'Observation','status':'final','code':{'text':'x'}}", 400, "not strict JSON"),
				observation("a comment", "/* 補足 */", 400, "comment"),
				observation("half a surrogate pair", ",\"valueString\":\"\\ud800\"", 400, "surrogate"));
	}

	@TestFactory
	Stream<DynamicTest> xmlThatIsNotFhirXml() {
		return expect(
				sent("no namespace", "POST", "/fhir/Basic", XML, "<Basic><code><text value=\"x\"/></code></Basic>", 400, "FHIR namespace"),
				sent("another namespace", "POST", "/fhir/Basic", XML,
						"<Basic xmlns=\"http://example.org/fhir\"><code><text value=\"x\"/></code></Basic>", 400, "http://example.org/fhir"));
	}

	@TestFactory
	Stream<DynamicTest> narrativeOutsideFhirsXhtml() {
		String div = ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">%s</div>\"}";
		return expect(
				observation("script", div.formatted("<script>alert(1)</script>"), 422, "<script>"),
				observation("an event handler", div.formatted("<p onclick=\\\"steal()\\\">体温</p>"), 422, "onclick"),
				observation("a javascript: link", div.formatted("<a href=\\\"javascript:steal()\\\">体温</a>"), 422, "javascript:"),
				observation("an iframe", div.formatted("<iframe src=\\\"https://example.org\\\"></iframe>"), 422, "<iframe>"),
				observation("an object", div.formatted("<object data=\\\"x.swf\\\"></object>"), 422, "<object>"),
				observation("a form", div.formatted("<form action=\\\"https://example.org\\\"><input/></form>"), 422, "<form>"),
				observation("a style that loads a script", div.formatted("<p style=\\\"background:url(javascript:x)\\\">x</p>"), 422, "style"));
	}

	@Test
	void ordinaryNarrativeIsStored() {
		String div = "<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\"><p><b>体温</b> 36.8℃</p><table><tr><td>嚥下</td></tr></table>"
				+ "<a href=\\\"https://example.org/\\\">詳細</a></div>";
		created(fhir().body(OBSERVATION.formatted(",\"text\":{\"status\":\"generated\",\"div\":\"" + div + "\"}")).post("/Observation"));
	}

	@TestFactory
	Stream<DynamicTest> primitivesOutsideTheirType() {
		return expect(
				observation("positiveInt 0", ",\"valueSampledData\":{\"origin\":{\"value\":0},\"period\":1,\"dimensions\":0,\"data\":\"1\"}",
						400, "valueSampledData.dimensions"),
				sent("unsignedInt negative", "POST", "/fhir/DocumentReference", JSON, """
						{"resourceType":"DocumentReference","status":"current","content":[{"attachment":{"size":-1}}]}""", 400, "unsignedInt"),
				observation("time 25:00", ",\"valueTime\":\"25:00:00\"", 400, "valueTime"),
				observation("date 0000", ",\"effectiveDateTime\":\"0000\"", 400, "effective"),
				observation("date 2026-02-30", ",\"effectiveDateTime\":\"2026-02-30\"", 400, "2026-02-30"),
				observation("the string true as a boolean", ",\"valueBoolean\":\"true\"", 400, "valueBoolean"),
				observation("a number as a string", ",\"valueInteger\":\"2\"", 400, "valueInteger"),
				observation("an instant without time zone", ",\"issued\":\"2026-12-01T10:00:00\"", 400, "issued"),
				sent("a code with spaces", "POST", "/fhir/Observation", JSON,
						OBSERVATION.formatted("").replace("\"final\"", "\" final\""), 400, "final"),
				sent("an id with a space", "PUT", "/fhir/Basic/a%20b", JSON,
						"{\"resourceType\":\"Basic\",\"id\":\"a b\",\"code\":{\"text\":\"x\"}}", 400, "id"));
	}

	@TestFactory
	Stream<DynamicTest> absurdRepetition() {
		String notes = ",\"note\":[" + String.join(",", java.util.Collections.nCopies(10_001, "{\"text\":\"x\"}")) + "]";
		return expect(observation("ten thousand and one notes", notes, 413, "max-repetitions"));
	}

	@TestFactory
	Stream<DynamicTest> bundlesThatDoNotSayWhatTheyDo() {
		String patient = "{\"resourceType\":\"Basic\",\"id\":\"b1\",\"code\":{\"text\":\"x\"}}";
		return expect(
				sent("an id that is not the URL's", "POST", "/fhir", JSON, """
						{"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,"request":{"method":"PUT","url":"Basic/b2"}}]}"""
						.formatted(patient), 400, "not the id of Basic/b2"),
				sent("a type that is not the URL's", "POST", "/fhir", JSON, """
						{"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,"request":{"method":"POST","url":"Observation"}}]}"""
						.formatted(patient), 400, "cannot be written to Observation"),
				sent("an unknown method", "POST", "/fhir", JSON, """
						{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"FOO","url":"Basic"}}]}""", 400, "FOO"),
				sent("no type", "POST", "/fhir", JSON, """
						{"resourceType":"Bundle","entry":[{"request":{"method":"GET","url":"Basic"}}]}""", 400, "Bundle.type"),
				sent("a batch entry without request", "POST", "/fhir", JSON, """
						{"resourceType":"Bundle","type":"batch","entry":[{"resource":%s}]}""".formatted(patient), 400, "entry[0].request"),
				sent("a collection", "POST", "/fhir", JSON, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}", 400, "collection"));
	}

	@Test
	void aBatchEntryWithAMalformedSearchValueIsA400Entry() {
		fhir().body("""
				{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Patient?birthdate=xx2020"}}]}""")
				.post("/").then().statusCode(200)
				.body("entry[0].response.status", equalTo("400 Bad Request"))
				.body("entry[0].response.outcome.issue[0].diagnostics", containsString("xx"));
	}

	@TestFactory
	Stream<DynamicTest> searchAndPagingValuesOutsideTheirSet() throws IOException {
		return expect(
				sent("_count negative", "GET", "/fhir/Observation?_count=-1", null, null, 400, "_count"),
				sent("_summary unknown", "GET", "/fhir/Observation?_summary=bogus", null, null, 400, "_summary"),
				sent("_total unknown", "GET", "/fhir/Observation?_total=bogus", null, null, 400, "_total"),
				sent("an unknown modifier", "GET", "/fhir/Patient?name:bogus=x", null, null, 400, "bogus"),
				sent("_since malformed on history", "GET", "/fhir/Patient/_history?_since=bogus", null, null, 400, "_since"),
				sent("_since malformed on $everything", "GET", "/fhir/Patient/" + createPatient("範囲", "外", "ハンイ", "ソト")
						+ "/$everything?_since=bogus", null, null, 400, "_since"));
	}

	@Test
	void aNameIsFoundByAFragment() {
		String family = "大泉学園" + unique().substring(0, 6);
		createPatient(family, "花子", "オオイズミガクエン", "ハナコ");
		fhir().get("/Patient?family:contains=" + family.substring(1)).then().statusCode(200)
				.body("entry.resource.name[0].family", org.hamcrest.Matchers.hasItem(family));
	}

	@TestFactory
	Stream<DynamicTest> patchesWithoutTargetOrThatChangeWhatTheResourceIs() {
		String basic = created(fhir().body("{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}").post("/Basic"));
		return expect(
				sent("PATCH of a type", "PATCH", "/fhir/Basic", "application/json-patch+json",
						"[{\"op\":\"replace\",\"path\":\"/code/text\",\"value\":\"y\"}]", 400, "PATCH needs a resource id"),
				sent("a JSON Patch of the id", "PATCH", "/fhir/Basic/" + basic, "application/json-patch+json",
						"[{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"other\"}]", 400, "/id"),
				sent("a JSON Patch of the type", "PATCH", "/fhir/Basic/" + basic, "application/json-patch+json",
						"[{\"op\":\"replace\",\"path\":\"/resourceType\",\"value\":\"Observation\"}]", 400, "/resourceType"),
				sent("a FHIRPath Patch that is no Parameters", "PATCH", "/fhir/Basic/" + basic, JSON,
						"{\"resourceType\":\"Basic\",\"code\":{\"text\":\"y\"}}", 400, "Parameters"),
				sent("a FHIRPath Patch of the id", "PATCH", "/fhir/Basic/" + basic, JSON, """
						{"resourceType":"Parameters","parameter":[{"name":"operation","part":[{"name":"type","valueCode":"replace"},
						 {"name":"path","valueString":"Basic.id"},{"name":"value","valueId":"other"}]}]}""", 400, "Basic.id"));
	}
}
