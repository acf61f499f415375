package jp.zaitaku.fhir.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A barrage of malformed requests, as a careless client or a scanner sends them. None may get a 5xx,
 * and every error must be an OperationOutcome. Each case is its own test, named by what it sends.
 */
class MalformedRequestsIT extends FhirServerTestBase {

	private static final String JSON = "application/fhir+json";
	private static final String PATIENT = """
			{"resourceType":"Patient","identifier":[{"system":"urn:zaitaku:malformed","value":"x"}],\
			"name":[{"family":"練馬","given":["花子"]}],"birthDate":"1938-04-01","gender":"female"}""";

	private record Case(String method, String path, String contentType, String body) {
		String name() {
			String shown = body == null ? "" : " " + (body.length() > 60 ? body.substring(0, 60) + "…" : body);
			return method + " " + path + (contentType == null ? "" : " [" + contentType + "]") + shown;
		}
	}

	@TestFactory
	Stream<DynamicTest> noMalformedRequestGetsA5xxOrAnErrorThatIsNotAnOperationOutcome() {
		return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
			byte[] body = c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8);
			String response = rawRequest(c.method(), c.path(), c.contentType(), body);
			int status = Integer.parseInt(response.substring(9, 12));
			assertThat(c.name(), status, lessThan(500));
			if (status >= 400 && !c.method().equals("HEAD")) {
				assertThat(c.name(), response, containsString("OperationOutcome"));
			}
		}));
	}

	/** Tomcat refuses TRACE in its connector, before any code of ours; it is still no 5xx. */
	@org.junit.jupiter.api.Test
	void traceIsRefusedWith405() throws Exception {
		assertThat(rawRequest("TRACE", "/fhir/Patient", null, null), org.hamcrest.Matchers.startsWith("HTTP/1.1 405"));
	}

	private static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		// A valid Patient cut off at every few characters.
		for (int i = 1; i < PATIENT.length(); i += 9) {
			cases.add(new Case("POST", "/fhir/Patient", JSON, PATIENT.substring(0, i)));
		}
		// Well-formed JSON, wrong FHIR.
		for (String field : List.of(
				"\"birthDate\":\"昭和13年\"", "\"birthDate\":\"1938-13-45\"", "\"gender\":\"otoko\"", "\"name\":\"練馬\"",
				"\"name\":[{\"family\":123}]", "\"active\":\"yes\"", "\"identifier\":{\"value\":\"x\"}", "\"id\":\"!!bad id!!\"",
				"\"extension\":[{\"url\":\"urn:x\"}]", "\"extension\":[{\"valueString\":\"x\"}]",
				"\"contained\":[{\"resourceType\":\"Bogus\"}]",
				"\"text\":{\"status\":\"generated\",\"div\":\"<div>no namespace</div>\"}",
				"\"text\":{\"status\":\"generated\",\"div\":\"<script>alert(1)</script>\"}",
				"\"multipleBirthInteger\":99999999999999999999", "\"birthDate\":null", "\"name\":[null]",
				"\"generalPractitioner\":[{\"reference\":\"Practitioner/does-not-exist\"}]",
				"\"generalPractitioner\":[{\"reference\":\"http://elsewhere.example/Practitioner/1\"}]",
				"\"generalPractitioner\":[{\"reference\":\"#missing\"}]",
				"\"managingOrganization\":{\"reference\":\"Organization?name=x\"}",
				"\"link\":[{\"other\":{\"reference\":\"Patient/\"}}]",
				"\"name\":[{\"family\":\"練馬\\u0000\"}]")) {
			cases.add(new Case("POST", "/fhir/Patient", JSON, PATIENT.replaceFirst("\\{", "{" + field + ",")));
		}
		// Not a resource at all.
		for (String body : List.of("", "null", "[]", "123", "\"文字列\"", "{}", "{\"resourceType\":\"\"}",
				"{\"resourceType\":\"Patient\",\"resourceType\":\"Observation\"}",
				"{\"resourceType\":\"Patient\"," + "\"a\":{".repeat(3000) + "}".repeat(3000) + "}")) {
			cases.add(new Case("POST", "/fhir/Patient", JSON, body));
		}
		// Broken Bundles.
		for (String entries : List.of("[{}]", "[{\"request\":{\"method\":\"POST\"}}]",
				"[{\"resource\":{\"resourceType\":\"Patient\"},\"request\":{\"method\":\"FOO\",\"url\":\"Patient\"}}]",
				"[{\"resource\":{\"resourceType\":\"Patient\"},\"request\":{\"method\":\"PUT\",\"url\":\"Patient\"}}]",
				"[{\"request\":{\"method\":\"DELETE\",\"url\":\"Patient?\"}}]",
				"[{\"request\":{\"method\":\"GET\",\"url\":\"Patient?_count=abc\"}}]",
				"[{\"fullUrl\":\"urn:uuid:1\",\"resource\":{\"resourceType\":\"Patient\",\"link\":[{\"other\":{\"reference\":\"urn:uuid:2\"}}]},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]")) {
			cases.add(new Case("POST", "/fhir", JSON, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":" + entries + "}"));
		}
		cases.add(new Case("POST", "/fhir", JSON, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"));
		// XML.
		for (String xml : List.of("<Patient/>", "<Patient xmlns=\"http://hl7.org/fhir\"><birthDate value=\"x\"/></Patient>",
				"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><Patient xmlns=\"http://hl7.org/fhir\"/>", "<a><b></a>",
				"<Patient xmlns=\"http://hl7.org/fhir\"><text><status value=\"generated\"/><div xmlns=\"http://www.w3.org/1999/xhtml\"><script/></div></text></Patient>",
				"<!DOCTYPE x><Patient xmlns=\"http://hl7.org/fhir\"/>")) {
			cases.add(new Case("POST", "/fhir/Patient", "application/fhir+xml", xml));
		}
		// Content types that are not FHIR.
		for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/fhir+json; fhirVersion=3.0", "image/png")) {
			cases.add(new Case("POST", "/fhir/Patient", contentType, PATIENT));
		}
		// URLs and search parameters.
		for (String path : List.of("/fhir/Patient/" + "a".repeat(300), "/fhir/Patient/!!", "/fhir/Patient/1/_history/abc",
				"/fhir/Patient?_count=-1", "/fhir/Patient?_count=abc", "/fhir/Patient?_count=999999999999",
				"/fhir/Patient?_sort=unknown", "/fhir/Patient?_sort=", "/fhir/Patient?_include=garbage",
				"/fhir/Patient?_include=Patient:nope", "/fhir/Patient?general-practitioner.name.x=1",
				"/fhir/Patient?general-practitioner:Bogus.name=1", "/fhir/Patient?birthdate=gt", "/fhir/Patient?birthdate=zz2020",
				"/fhir/Patient?_lastUpdated=gt2020-13-01", "/fhir/Patient?_summary=bogus", "/fhir/Patient?_total=bogus",
				"/fhir/Patient?_format=bogus", "/fhir/Patient?_has=bogus", "/fhir/Patient?_has:Bogus:subject:code=1",
				"/fhir/Patient?_content=%22", "/fhir/Patient?_content=(((", "/fhir/Patient?_content=*", "/fhir/Patient?_text=~~~",
				"/fhir/Patient?_content=%E5%9A%A5%E4%B8%8B%20OR%20(", "/fhir/Patient?name:bogus=x", "/fhir/Patient?identifier=|||",
				"/fhir?_getpages=nope", "/fhir?_getpages=nope&_getpagesoffset=-5", "/fhir/$bogus", "/fhir/Patient/$bogus",
				"/fhir/Patient/$everything?_count=abc", "/fhir/_history?_since=bogus", "/fhir/Patient/_history?_count=-5",
				"/fhir/Patient?_filter=bogus", "/fhir/Observation?value-quantity=abc", "/fhir/Observation?value-quantity=5||",
				"/fhir/Patient?name:missing=maybe", "/fhir/Location?near=abc", "/fhir/Kaigo?_id=1", "/nothing-here",
				"/fhir/Patient?family=%E7%B7%B4%2", "/fhir/Patient?name=%00")) {
			cases.add(new Case("GET", path, null, null));
		}
		// Methods and targets that make no sense.
		cases.add(new Case("PUT", "/fhir/Patient", JSON, PATIENT));
		cases.add(new Case("DELETE", "/fhir/Patient", null, null));
		cases.add(new Case("DELETE", "/fhir/Patient?name=x&_count=abc", null, null));
		cases.add(new Case("PATCH", "/fhir/Patient/1", "application/json-patch+json", "[{\"op\":\"bogus\"}]"));
		cases.add(new Case("PATCH", "/fhir/Patient/1", "application/json-patch+json", "not json"));
		cases.add(new Case("POST", "/fhir/Patient/1", JSON, PATIENT));
		cases.add(new Case("BOGUS", "/fhir/Patient", null, null));
		cases.add(new Case("PUT", "/fhir/Patient?identifier=", JSON, PATIENT));
		return cases;
	}
}
