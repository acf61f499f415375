package jp.zaitaku.fhir.server;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** Paging, includes, chains, sorting and totals. */
class SearchIT extends FhirServerTestBase {

	/** Creates Patients with the given birth dates and returns their identifiers, in order. */
	private static List<String> patientsBornOn(String... birthDates) {
		List<String> identifiers = new ArrayList<>();
		for (String birthDate : birthDates) {
			String identifier = unique();
			fhir().body(patientJson("北町", "春子", "キタマチ", "ハルコ", identifier).replace("1938-04-01", birthDate))
					.post("/Patient").then().statusCode(201);
			identifiers.add(identifier);
		}
		return identifiers;
	}

	private static String anyOf(List<String> identifiers) {
		return identifiers.stream().map(v -> "urn:zaitaku:test|" + v).collect(Collectors.joining(","));
	}

	@Test
	void pagingFollowsNextLinksUntilEveryMatchIsSeen() {
		List<String> identifiers = patientsBornOn("1930-01-01", "1931-01-01", "1932-01-01", "1933-01-01", "1934-01-01");

		JsonPath page = fhir().get("/Patient?identifier=" + anyOf(identifiers) + "&_count=2").then().statusCode(200).extract().jsonPath();
		List<String> seen = new ArrayList<>(page.getList("entry.resource.id"));
		int pages = 1;
		String next = nextLink(page);
		while (next != null && pages < 10) {
			page = fhir().basePath("").get(next).then().statusCode(200).extract().jsonPath();
			seen.addAll(page.getList("entry.resource.id"));
			next = nextLink(page);
			pages++;
		}
		assertEquals(3, pages);
		assertEquals(5, seen.stream().distinct().count());
	}

	private static String nextLink(JsonPath bundle) {
		List<String> relations = bundle.getList("link.relation");
		int i = relations.indexOf("next");
		return i < 0 ? null : bundle.getString("link[" + i + "].url");
	}

	@Test
	void sortByBirthDateDescendingAndAccurateTotal() {
		List<String> identifiers = patientsBornOn("1941-05-05", "1939-03-03", "1945-08-08");

		fhir().get("/Patient?identifier=" + anyOf(identifiers) + "&_sort=-birthdate&_total=accurate")
				.then()
				.statusCode(200)
				.body("total", equalTo(3))
				.body("entry.resource.birthDate", contains("1945-08-08", "1941-05-05", "1939-03-03"));
	}

	@Test
	void totalIsLeftOutUnlessAskedForAndSummaryCountGivesOnlyTheNumber() {
		List<String> identifiers = patientsBornOn("1950-01-01", "1951-01-01");

		fhir().get("/Patient?identifier=" + anyOf(identifiers) + "&_summary=count")
				.then().statusCode(200).body("total", equalTo(2)).body("entry", nullValue());
	}

	@Test
	void includeAndRevincludeBringTheLinkedResources() {
		String patientId = createPatient("貫井", "秋子", "ヌクイ", "アキコ");
		String communicationId = created(fhir().body(communicationJson(patientId, "血圧が高めです。主治医に相談します。")).post("/Communication"));

		fhir().get("/Communication?_id=" + communicationId + "&_include=Communication:subject")
				.then()
				.statusCode(200)
				.body("entry.resource.resourceType", hasItems("Communication", "Patient"))
				.body("entry.search.mode", hasItems("match", "include"));

		fhir().get("/Patient?_id=" + patientId + "&_revinclude=Communication:subject")
				.then()
				.statusCode(200)
				.body("entry.resource.id", hasItems(patientId, communicationId));
	}

	@Test
	void chainedSearchFindsCommunicationsByThePatientsKanjiName() {
		String identifier = unique();
		String patientId = created(fhir().body(patientJson("氷川台", "冬美", "ヒカワダイ", "フユミ", identifier)).post("/Patient"));
		String communicationId = created(fhir().body(communicationJson(patientId, "服薬の確認をお願いします")).post("/Communication"));

		fhir().get("/Communication?subject:Patient.family=氷川台&subject:Patient.identifier=urn:zaitaku:test|" + identifier)
				.then()
				.statusCode(200)
				.body("entry", hasSize(1))
				.body("entry[0].resource.id", equalTo(communicationId));
	}

	@Test
	void searchByKanaNameFindsThePatient() {
		String identifier = unique();
		created(fhir().body(patientJson("平和台", "夏子", "ヘイワダイ", "ナツコ", identifier)).post("/Patient"));

		String id = fhir().get("/Patient?family=ヘイワダイ&identifier=urn:zaitaku:test|" + identifier)
				.then().statusCode(200).body("entry.resource.name.family.flatten()", hasItem("平和台"))
				.extract().path("entry[0].resource.id");
		assertNotNull(id);
	}
}
