package jp.zaitaku.fhir.server;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** Transactions are all-or-nothing; batches answer entry by entry. */
class TransactionIT extends FhirServerTestBase {

	static String homeCareTransaction(String identifier, String observationSubject) {
		return """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:7d5c1a38-0001-4a52-9b7e-000000000001",
				  "resource":%s,
				  "request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"urn:uuid:7d5c1a38-0004-4a52-9b7e-000000000004",
				  "resource":{"resourceType":"Organization","name":"谷原訪問看護ステーション"},
				  "request":{"method":"POST","url":"Organization"}},
				 {"fullUrl":"urn:uuid:7d5c1a38-0002-4a52-9b7e-000000000002",
				  "resource":{"resourceType":"Encounter","status":"finished",
				   "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"HH","display":"home health"},
				   "type":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/encounter-type","code":"visiting-nursing","display":"訪問看護"}]}],
				   "subject":{"reference":"urn:uuid:7d5c1a38-0001-4a52-9b7e-000000000001"},
				   "period":{"start":"2025-06-02T09:30:00+09:00"},
				   "serviceProvider":{"reference":"urn:uuid:7d5c1a38-0004-4a52-9b7e-000000000004"}},
				  "request":{"method":"POST","url":"Encounter"}},
				 {"fullUrl":"urn:uuid:7d5c1a38-0003-4a52-9b7e-000000000003",
				  "resource":{"resourceType":"Observation","status":"final","code":{"text":"体温"},
				   "valueQuantity":{"value":36.8,"unit":"℃"},
				   "subject":{"reference":"%s"}},
				  "request":{"method":"POST","url":"Observation"}}]}
				""".formatted(patientJson("谷原", "ふみ", "ヤハラ", "フミ", identifier), observationSubject);
	}

	@Test
	void transactionStoresEveryEntryAndResolvesPlaceholderReferences() {
		String identifier = unique();

		fhir().body(homeCareTransaction(identifier, "urn:uuid:7d5c1a38-0001-4a52-9b7e-000000000001")).post("/")
				.then()
				.statusCode(200)
				.body("type", equalTo("transaction-response"))
				.body("entry", hasSize(4))
				.body("entry.response.status", everyItem(startsWith("201")));

		String patientId = fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier)
				.then().body("entry", hasSize(1)).extract().path("entry[0].resource.id");
		fhir().get("/Observation?subject=Patient/" + patientId).then().body("entry", hasSize(1));
	}

	@Test
	void transactionWithOneBadEntryStoresNothing() {
		String identifier = unique();

		fhir().body(homeCareTransaction(identifier, "Patient/no-such-patient")).post("/")
				.then()
				.statusCode(400)
				.body("resourceType", equalTo("OperationOutcome"));

		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier + "&_total=accurate")
				.then().statusCode(200).body("total", equalTo(0));
	}

	@Test
	void batchAnswersEachEntryOnItsOwn() {
		String identifier = unique();
		String batch = """
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"request":{"method":"GET","url":"Patient/no-such-patient"}}]}
				""".formatted(patientJson("早宮", "咲", "ハヤミヤ", "サキ", identifier));

		fhir().body(batch).post("/")
				.then()
				.statusCode(200)
				.body("type", equalTo("batch-response"))
				.body("entry[0].response.status", startsWith("201"))
				.body("entry[1].response.status", startsWith("404"));

		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier + "&_total=accurate").then().body("total", equalTo(1));
	}
}
