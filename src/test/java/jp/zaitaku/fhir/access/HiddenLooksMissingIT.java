package jp.zaitaku.fhir.access;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.restassured.response.Response;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attack class "exists but hidden differs from does not exist": for every interaction about one
 * resource, the answer about a resource the nurse of 練馬 花子 (A) may not see (patient 谷原 次郎's,
 * B) is compared in full with the answer about an id that was never used: status, every header but
 * the request id and the date, and the body, with the two ids replaced by the same placeholder. A
 * difference in any of them would let a caller test which ids exist in other patients' records.
 */
class HiddenLooksMissingIT extends CareTeamAccessTestBase {

	private static final String MISSING = "987654321";
	/** Headers that differ between any two requests. */
	private static final Set<String> PER_REQUEST_HEADERS = Set.of("x-request-id", "date", "content-length", "keep-alive",
			"connection");

	private static String auditEventB;

	@BeforeEach
	void findAnAuditEventOfPatientB() {
		if (auditEventB == null) {
			auditEventB = fhir().get("/AuditEvent?patient=Patient/" + patientB + "&_count=1").then().statusCode(200)
					.extract().jsonPath().getString("entry[0].resource.id");
		}
	}

	// --- plain requests ------------------------------------------------------------------------

	@Test
	void readsOfEveryKindOfHiddenResource() {
		sameAnswer(id -> as(nurseToken).get("/Observation/" + id), observationB);
		sameAnswer(id -> as(nurseToken).get("/Patient/" + id), patientB);
		sameAnswer(id -> as(nurseToken).get("/Task/" + id), taskB);
		sameAnswer(id -> as(nurseToken).get("/Binary/" + id), binaryB);
		sameAnswer(id -> as(nurseToken).get("/AuditEvent/" + id), auditEventB);
		sameAnswer(id -> as(familyAToken).get("/Observation/" + id), observationB);
	}

	@Test
	void vread() {
		sameAnswer(id -> as(nurseToken).get("/Observation/" + id + "/_history/1"), observationB);
		sameAnswer(id -> as(nurseToken).get("/Patient/" + id + "/_history/1"), patientB);
	}

	@Test
	void vreadOfAVersionThatWasAnotherPatients() {
		// A record filed under B by mistake and moved to A: its first version is B's and stays hidden.
		String moved = create("Observation", observation(patientB, "誤って登録", unique()));
		fhir().body(observation(patientA, "花子さんの記録に訂正", unique()).replace("{\"resourceType\":\"Observation\",",
				"{\"resourceType\":\"Observation\",\"id\":\"" + moved + "\",")).put("/Observation/" + moved).then().statusCode(200);
		String single = create("Observation", observation(patientA, "一度だけの記録", unique()));
		Answer hidden = answer(as(nurseToken).get("/Observation/" + moved + "/_history/1"), Map.of(moved, "{id}"));
		Answer missing = answer(as(nurseToken).get("/Observation/" + single + "/_history/2"),
				Map.of(single, "{id}", "_history/2", "_history/1", "\\\"2\\\"", "\\\"1\\\""));
		assertThat(hidden, equalTo(missing));
		assertThat(as(nurseToken).get("/Observation/" + moved + "/_history").asString(), not(containsString("誤って登録")));
	}

	@Test
	void history() {
		sameAnswer(id -> as(nurseToken).get("/Observation/" + id + "/_history"), observationB);
		sameAnswer(id -> as(nurseToken).get("/Patient/" + id + "/_history"), patientB);
	}

	@Test
	void instanceOperations() {
		sameAnswer(id -> as(nurseToken).get("/Observation/" + id + "/$meta"), observationB);
		sameAnswer(id -> as(nurseToken).body(metaParameters()).post("/Observation/" + id + "/$meta-add"), observationB);
		sameAnswer(id -> as(nurseToken).body(metaParameters()).post("/Observation/" + id + "/$meta-delete"), observationB);
		sameAnswer(id -> as(nurseToken).get("/Patient/" + id + "/$everything"), patientB);
		sameAnswer(id -> as(nurseToken).body(observation(patientA, "検証", unique())).post("/Observation/" + id + "/$validate"),
				observationB);
	}

	@Test
	void update() {
		sameAnswer(id -> as(nurseToken).body(withId(observation(patientA, "上書き", unique()), id)).put("/Observation/" + id),
				observationB);
		fhir().get("/Observation/" + observationB).then().statusCode(200).body("subject.reference", equalTo("Patient/" + patientB));
	}

	@Test
	void patch() {
		sameAnswer(id -> as(nurseToken).contentType("application/json-patch+json")
				.body("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]").patch("/Observation/" + id), observationB);
	}

	@Test
	void delete() {
		sameAnswer(id -> as(nurseToken).delete("/Observation/" + id), observationB);
		sameAnswer(id -> as(nurseToken).delete("/Patient/" + id), patientB);
		fhir().get("/Observation/" + observationB).then().statusCode(200);
	}

	@Test
	void aWriteThatPointsAtTheResource() {
		sameAnswer(id -> as(nurseToken).body(messagePartOf(id)).post("/Communication"), observationB);
		sameAnswer(id -> as(nurseToken).body(observation(id, "記録", "fixed-identifier")).post("/Observation"), patientB);
		sameAnswer(id -> as(nurseToken).body(message(patientA, "report", "共有").replace("\"recipient\":[{\"display\":\"在宅チーム\"}]",
				"\"recipient\":[{\"reference\":\"Patient/" + id + "\"}]")).post("/Communication"), patientB);
		sameAnswer(id -> as(nurseToken).body(binary(id)).post("/Binary"), documentB);
	}

	// --- inside bundles ----------------------------------------------------------------------

	@Test
	void entriesOfATransaction() {
		for (String bundle : entryKinds("transaction")) {
			sameAnswer(id -> as(nurseToken).body(bundle.replace("{id}", id)).post("/"), observationB);
		}
	}

	@Test
	void entriesOfABatch() {
		for (String bundle : entryKinds("batch")) {
			sameAnswer(id -> as(nurseToken).body(bundle.replace("{id}", id)).post("/"), observationB);
		}
	}

	/** One bundle per interaction about {@code Observation/{id}}. */
	private static java.util.List<String> entryKinds(String type) {
		String entry = "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[%s]}";
		String observationOfA = withId(observation(patientA, "取引で上書き", "fixed-identifier"), "{id}");
		return java.util.List.of(
				entry.formatted("{\"request\":{\"method\":\"GET\",\"url\":\"Observation/{id}\"}}"),
				entry.formatted("{\"request\":{\"method\":\"GET\",\"url\":\"Observation/{id}/_history/1\"}}"),
				entry.formatted("{\"request\":{\"method\":\"GET\",\"url\":\"Observation/{id}/_history\"}}"),
				entry.formatted("{\"request\":{\"method\":\"DELETE\",\"url\":\"Observation/{id}\"}}"),
				entry.formatted("{\"fullUrl\":\"Observation/{id}\",\"resource\":" + observationOfA
						+ ",\"request\":{\"method\":\"PUT\",\"url\":\"Observation/{id}\"}}"),
				entry.formatted("{\"fullUrl\":\"urn:uuid:5e0f2a51-7a43-4b0e-9a53-0c1f6d1e0a11\",\"resource\":" + messagePartOf("{id}")
						+ ",\"request\":{\"method\":\"POST\",\"url\":\"Communication\"}}"));
	}

	// --- helpers -------------------------------------------------------------------------------

	/** What a caller sees of an answer: status, headers and body, the ids asked about replaced by a placeholder. */
	record Answer(int status, Map<String, String> headers, String body) {
	}

	private static void sameAnswer(Function<String, Response> request, String hiddenId) {
		Answer hidden = answer(request.apply(hiddenId), Map.of(hiddenId, "{id}"));
		Answer missing = answer(request.apply(MISSING), Map.of(MISSING, "{id}"));
		assertThat("the answer about a hidden resource is the answer about a missing one", hidden, equalTo(missing));
	}

	private static Answer answer(Response response, Map<String, String> replacements) {
		Function<String, String> normalise = text -> {
			String result = text;
			for (Map.Entry<String, String> replacement : replacements.entrySet()) {
				result = result.replace(replacement.getKey(), replacement.getValue());
			}
			// A bundle's own id (in the body and its Location) and time differ between any two answers.
			return result.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{uuid}")
					.replaceAll("\"lastUpdated\":\"[^\"]+\"", "\"lastUpdated\":\"{now}\"");
		};
		Map<String, String> headers = new TreeMap<>(response.getHeaders().asList().stream()
				.filter(header -> !PER_REQUEST_HEADERS.contains(header.getName().toLowerCase()))
				.collect(Collectors.toMap(header -> header.getName().toLowerCase(), header -> normalise.apply(header.getValue()),
						(first, second) -> first + ", " + second)));
		return new Answer(response.statusCode(), headers, normalise.apply(response.asString()));
	}

	private static String withId(String json, String id) {
		return json.replace("{\"resourceType\":\"Observation\",", "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\",");
	}

	private static String messagePartOf(String observationId) {
		return message(patientA, "report", "参照").replace("\"status\":\"completed\"",
				"\"status\":\"completed\",\"partOf\":[{\"reference\":\"Observation/" + observationId + "\"}]");
	}

	private static String metaParameters() {
		return """
				{"resourceType":"Parameters","parameter":[{"name":"meta","valueMeta":{"tag":[{"system":"urn:zaitaku:test","code":"t"}]}}]}""";
	}
}
