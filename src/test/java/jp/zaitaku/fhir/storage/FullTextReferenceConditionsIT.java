package jp.zaitaku.fhir.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code _content} search with reference or {@code _id} conditions is answered in one Lucene query
 * ({@link ReferenceFilteredFullTextSearch}): same answers as HAPI's database intersection, exact counts,
 * and the reference terms follow a resource when it is updated.
 */
class FullTextReferenceConditionsIT extends FhirServerTestBase {

	@Autowired
	private SegmentCachedTermFilters keptFilters;

	private String word;
	private String patientA;
	private String patientB;

	@BeforeEach
	void twoPatients() {
		// A made-up word of katakana so each test counts only its own messages.
		word = "テスト" + unique().replaceAll("[^a-z]", "").chars().limit(12)
				.mapToObj(c -> String.valueOf((char) ('ア' + (c - 'a') * 2))).reduce("", String::concat);
		patientA = createPatient("大泉", "学", "オオイズミ", "マナブ");
		patientB = createPatient("石神井", "台子", "シャクジイ", "ダイコ");
	}

	private String message(String subject, String text) {
		return created(fhir().body(communicationJson(subject, text)).post("/Communication"));
	}

	private List<String> ids(Response response) {
		List<String> found = response.then().statusCode(200).extract().jsonPath().getList("entry.resource.id");
		return found == null ? List.of() : found;
	}

	@Test
	void aReferenceConditionKeepsOnlyThatPatientsMessages() {
		String ofA = message(patientA, word + "の経過を報告します");
		String ofB = message(patientB, word + "の経過を報告します");

		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA)), containsInAnyOrder(ofA));
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&patient=Patient/" + patientB)), containsInAnyOrder(ofB));
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA + ",Patient/" + patientB)),
				containsInAnyOrder(ofA, ofB));
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA
				+ "&subject=Patient/" + patientB)), empty());
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/no-such-patient")), empty());
	}

	@Test
	void aListItemConditionKeepsOnlyThePatientsOfTheListsCurrentVersion() {
		String ofA = message(patientA, word + "の申し送り");
		String ofB = message(patientB, word + "の申し送り");
		String list = created(fhir().body(listOf(patientA)).post("/List"));

		assertThat(ids(fhir().get("/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list)),
				containsInAnyOrder(ofA));
		assertThat(fhir().get("/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list + "&_summary=count")
				.jsonPath().getInt("total"), equalTo(1));
		assertThat(ids(fhir().get("/Patient?_content=大泉&_has:List:item:_id=" + list)), containsInAnyOrder(patientA));
		assertThat(ids(fhir().get("/Patient?_content=石神井&_has:List:item:_id=" + list)), empty());

		// A new version of the List is what counts, not the one read before.
		fhir().body(listOf(patientB).replaceFirst("\\{", "{\"id\":\"" + list + "\",")).put("/List/" + list).then().statusCode(200);
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list)),
				containsInAnyOrder(ofB));
		// A List that does not exist, or no longer does, holds nobody.
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=no-such-list")), empty());
		for (String malformed : List.of("a b", "!!", "..", "x".repeat(200), "List/1", "1/_history/1", "%E5%AB%9A")) {
			Response answer = fhir().urlEncodingEnabled(false).get("/Communication?_content="
					+ java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8)
					+ "&patient:Patient._has:List:item:_id=" + malformed.replace(" ", "%20"));
			assertThat(malformed, answer.statusCode(), lessThan(500));
			if (answer.statusCode() == 200) {
				assertThat(malformed, ids(answer), empty());
			}
		}
		fhir().delete("/List/" + list).then().statusCode(200);
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list)), empty());
	}

	/**
	 * With a List of many patients the filter's matches are kept per index segment
	 * ({@link SegmentCachedTermFilters}): a message written after the first search (a new segment), one
	 * moved to a patient outside the List and one deleted (only marked in a kept segment) must all
	 * show at once.
	 */
	@Test
	void aLargeListsKeptFilterFollowsNewMovedAndDeletedMessages() {
		List<String> listed = newPatients(70, "練馬", "花子", "ネリマ", "ハナコ");
		String list = created(fhir().body(listOf(listed.toArray(String[]::new))).post("/List"));
		String first = message(listed.get(0), word + "の訪問記録");
		String outside = message(patientB, word + "の訪問記録");
		String search = "/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list;
		assertThat(ids(fhir().get(search)), containsInAnyOrder(first));
		assertThat("the matches are kept", keptFilters.cachedSegments(), greaterThan(0L));

		String later = message(listed.get(69), word + "の追加記録");
		assertThat(ids(fhir().get(search)), containsInAnyOrder(first, later));

		String moved = communicationJson(patientB, word + "の訪問記録").replaceFirst("\\{", "{\"id\":\"" + first + "\",");
		fhir().body(moved).put("/Communication/" + first).then().statusCode(200);
		assertThat(ids(fhir().get(search)), containsInAnyOrder(later));

		fhir().delete("/Communication/" + later).then().statusCode(200);
		assertThat(ids(fhir().get(search)), empty());
		assertThat(fhir().get(search + "&_summary=count").jsonPath().getInt("total"), equalTo(0));
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientB)),
				containsInAnyOrder(first, outside));
	}

	/** More hits than one scroll step of the filtered search: every page full, nothing twice, the exact total. */
	@Test
	void pagesOfAFilteredSearchGoPastOneScrollStep() {
		List<String> listed = newPatients(3, "豊島", "園子", "トシマ", "ソノコ");
		String list = created(fhir().body(listOf(listed.toArray(String[]::new))).post("/List"));
		StringBuilder entries = new StringBuilder();
		for (int i = 0; i < 105; i++) {
			entries.append(i == 0 ? "" : ",").append("{\"resource\":").append(communicationJson(listed.get(i % 3), word + "の記録" + i))
					.append(",\"request\":{\"method\":\"POST\",\"url\":\"Communication\"}}");
		}
		fhir().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}").post("/")
				.then().statusCode(200);

		String search = "/Communication?_content=" + word + "&patient:Patient._has:List:item:_id=" + list + "&_count=50";
		Response page = fhir().get(search + "&_total=accurate");
		assertThat(page.jsonPath().getInt("total"), equalTo(105));
		java.util.Set<String> seen = new java.util.HashSet<>();
		List<Integer> sizes = new ArrayList<>();
		while (true) {
			List<String> found = ids(page);
			sizes.add(found.size());
			seen.addAll(found);
			String next = page.jsonPath().getString("link.find { it.relation == 'next' }.url");
			if (next == null) {
				break;
			}
			page = fhir().get(next.substring(next.indexOf("/fhir") + "/fhir".length()));
		}
		assertThat(sizes, equalTo(List.of(50, 50, 5)));
		assertThat(seen, hasSize(105));
	}

	/** {@code count} new patients of one family, their given names numbered. */
	private static List<String> newPatients(int count, String family, String given, String familyKana, String givenKana) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(createPatient(family, given + i, familyKana, givenKana));
		}
		return ids;
	}

	private static String listOf(String... patients) {
		StringBuilder entries = new StringBuilder();
		for (String patient : patients) {
			entries.append(entries.isEmpty() ? "" : ",").append("{\"item\":{\"reference\":\"Patient/").append(patient).append("\"}}");
		}
		return """
				{"resourceType":"List","status":"current","mode":"working","title":"訪問予定の利用者",
				 "entry":[%s]}""".formatted(entries);
	}

	@Test
	void onlyTheParametersOwnPathCounts() {
		// The message is about A; B appears only as its recipient.
		String message = created(fhir().body(communicationJson(patientA, word + "について")
				.replace("\"recipient\":[{\"display\":\"在宅チーム\"}]", "\"recipient\":[{\"reference\":\"Patient/" + patientB + "\"}]"))
				.post("/Communication"));

		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientB)), empty());
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&recipient=Patient/" + patientB)), containsInAnyOrder(message));
	}

	@Test
	void anUpdateMovesTheMessageToItsNewPatient() {
		String message = message(patientA, word + "を記録");
		String moved = communicationJson(patientB, word + "を記録").replaceFirst("\\{", "{\"id\":\"" + message + "\",");
		fhir().body(moved).put("/Communication/" + message).then().statusCode(200);

		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA)), empty());
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientB)), containsInAnyOrder(message));
	}

	@Test
	void countsAndPagesAreThoseOfTheFilteredSearch() {
		List<String> ofA = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ofA.add(message(patientA, word + "の記録 " + i));
		}
		message(patientB, word + "の記録");

		fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA + "&_summary=count")
				.then().statusCode(200).body("total", equalTo(5));
		Response firstPage = fhir().get("/Communication?_content=" + word + "&subject=Patient/" + patientA + "&_count=2&_total=accurate");
		firstPage.then().statusCode(200).body("total", equalTo(5));
		List<String> seen = new ArrayList<>(ids(firstPage));
		String next = firstPage.jsonPath().getString("link.find { it.relation == 'next' }.url");
		while (next != null) {
			Response page = fhir().get(next.substring(next.indexOf("/fhir") + "/fhir".length()));
			seen.addAll(ids(page));
			next = page.jsonPath().getString("link.find { it.relation == 'next' }.url");
		}
		assertThat(seen, hasSize(5));
		assertThat(seen, containsInAnyOrder(ofA.toArray()));
	}

	@Test
	void patientsAreFilteredByTheirId() {
		fhir().get("/Patient?_content=オオイズミ&_id=" + patientA + "&_summary=count").then().statusCode(200).body("total", equalTo(1));
		assertThat(ids(fhir().get("/Patient?_content=オオイズミ&_id=" + patientB)), empty());
	}

	@Test
	void aCountTheIndexCannotAnswerIsRefusedNotGuessed() {
		message(patientA, word + "の報告");
		fhir().get("/Communication?_content=" + word + "&category=report&_summary=count")
				.then().statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("category"));
		// Without the count, HAPI checks such conditions against the database as before.
		assertThat(ids(fhir().get("/Communication?_content=" + word + "&category=report&subject=Patient/" + patientA)), hasSize(1));
	}
}
