package jp.zaitaku.fhir.server;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** Create, read, update, delete, version reads and history, with the conditional forms. */
class CrudIT extends FhirServerTestBase {

	@Test
	void createdPatientIsReadBackWithItsKanjiAndKanaNames() {
		String id = createPatient("練馬", "花子", "ネリマ", "ハナコ");

		fhir().get("/Patient/" + id)
				.then()
				.statusCode(200)
				.header("ETag", "W/\"1\"")
				.body("name.family", hasItem("練馬"))
				.body("name.family", hasItem("ネリマ"))
				.body("address[0].city", equalTo("練馬区"));
	}

	@Test
	void updateWithCurrentVersionSucceedsAndStaleVersionGets412() {
		String id = createPatient("豊玉", "一郎", "トヨタマ", "イチロウ");
		String updated = patientJson("豊玉", "一郎", "トヨタマ", "イチロウ", unique()).replaceFirst("\\{", "{\"id\":\"" + id + "\",");

		fhir().header("If-Match", "W/\"1\"").body(updated).put("/Patient/" + id)
				.then().statusCode(200).body("meta.versionId", equalTo("2"));

		fhir().header("If-Match", "W/\"1\"").body(updated).put("/Patient/" + id)
				.then()
				.statusCode(412)
				.body("resourceType", equalTo("OperationOutcome"));

		fhir().get("/Patient/" + id).then().body("meta.versionId", equalTo("2"));
	}

	@Test
	void vreadAndHistoryShowEveryVersion() {
		String id = createPatient("石神井", "三郎", "シャクジイ", "サブロウ");
		String updated = patientJson("石神井", "三郎", "シャクジイ", "サブロウ", unique()).replaceFirst("\\{", "{\"id\":\"" + id + "\",");
		fhir().body(updated).put("/Patient/" + id).then().statusCode(200);

		fhir().get("/Patient/" + id + "/_history/1").then().statusCode(200).body("meta.versionId", equalTo("1"));
		fhir().get("/Patient/" + id + "/_history")
				.then()
				.statusCode(200)
				.body("type", equalTo("history"))
				.body("total", equalTo(2));
	}

	@Test
	void conditionalCreateDoesNotDuplicateAPatientWithTheSameIdentifier() {
		String identifier = unique();
		String body = patientJson("光が丘", "和子", "ヒカリガオカ", "カズコ", identifier);

		String first = created(fhir().header("If-None-Exist", "identifier=urn:zaitaku:test|" + identifier).body(body).post("/Patient"));
		fhir().header("If-None-Exist", "identifier=urn:zaitaku:test|" + identifier).body(body).post("/Patient")
				.then()
				.statusCode(200)
				.header("Location", containsString("/Patient/" + first + "/"));

		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier + "&_total=accurate")
				.then().body("total", equalTo(1));
	}

	@Test
	void conditionalUpdateCreatesThenUpdatesByIdentifier() {
		String identifier = unique();
		String body = patientJson("大泉", "次郎", "オオイズミ", "ジロウ", identifier);

		fhir().body(body).put("/Patient?identifier=urn:zaitaku:test|" + identifier).then().statusCode(201);
		fhir().body(body.replace("1938-04-01", "1940-01-01")).put("/Patient?identifier=urn:zaitaku:test|" + identifier)
				.then()
				.statusCode(200)
				.body("meta.versionId", equalTo("2"))
				.body("birthDate", equalTo("1940-01-01"));
	}

	@Test
	void deletedPatientIsGoneButItsHistoryRemains() {
		String id = createPatient("関町", "四郎", "セキマチ", "シロウ");

		fhir().delete("/Patient/" + id).then().statusCode(200);
		fhir().get("/Patient/" + id).then().statusCode(410).body("resourceType", equalTo("OperationOutcome"));
		fhir().get("/Patient/" + id + "/_history/1").then().statusCode(200).body("id", notNullValue());
	}
}
