package jp.zaitaku.fhir.server;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx OperationOutcome and writes nothing; never a 500. */
class BadInputIT extends FhirServerTestBase {

	private static ValidatableResponse assertOperationOutcome(ValidatableResponse response, int status) {
		return response.statusCode(status).body("resourceType", equalTo("OperationOutcome")).body("issue[0].severity", equalTo("error"));
	}

	private static void assertNoPatientWith(String identifier) {
		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier + "&_total=accurate").then().statusCode(200).body("total", equalTo(0));
	}

	@Test
	void malformedJsonIsRefused() {
		assertOperationOutcome(fhir().body("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"練馬\"").post("/Patient").then(), 400);
	}

	@Test
	void malformedXmlIsRefused() {
		assertOperationOutcome(
				fhir().contentType(FHIR_XML).body("<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"練馬\"/></Patient>")
						.post("/Patient").then(),
				400);
	}

	@Test
	void xmlWithAnExternalEntityIsRefusedAndNothingIsStored() {
		String identifier = unique();
		String xxe = """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE Patient [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
				<Patient xmlns="http://hl7.org/fhir">
				  <identifier><system value="urn:zaitaku:test"/><value value="%s"/></identifier>
				  <name><family value="&secret;"/></name>
				</Patient>
				""".formatted(identifier);
		assertOperationOutcome(fhir().contentType(FHIR_XML).body(xxe).post("/Patient").then(), 400)
				.body("issue[0].diagnostics", containsString("DOCTYPE"));
		assertNoPatientWith(identifier);
	}

	@Test
	void xmlWithAnInternalEntityExpansionIsRefused() {
		String identifier = unique();
		String laughs = """
				<?xml version="1.0"?>
				<!DOCTYPE Patient [<!ENTITY lol "笑笑笑笑笑笑笑笑笑笑"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
				<Patient xmlns="http://hl7.org/fhir">
				  <identifier><system value="urn:zaitaku:test"/><value value="%s"/></identifier>
				  <name><family value="&lol2;"/></name>
				</Patient>
				""".formatted(identifier);
		assertOperationOutcome(fhir().contentType(FHIR_XML).body(laughs).post("/Patient").then(), 400);
		assertNoPatientWith(identifier);
	}

	@Test
	void bodyOverTheSizeLimitGets413() {
		// The test server's limit is 1 MB (see FhirServerTestBase).
		String note = "あ".repeat(400_000); // 1.2 MB in UTF-8
		String identifier = unique();
		String body = patientJson("巨大", "太郎", "キョダイ", "タロウ", identifier)
				.replace("\"gender\"", "\"extension\":[{\"url\":\"urn:zaitaku:test:note\",\"valueString\":\"" + note + "\"}],\"gender\"");
		assertOperationOutcome(fhir().body(body).post("/Patient").then(), 413).body("issue[0].code", equalTo("too-long"));
		assertNoPatientWith(identifier);
	}

	@Test
	void chunkedBodyOverTheSizeLimitGets413() {
		String identifier = unique();
		String body = patientJson("巨大", "花子", "キョダイ", "ハナコ", identifier)
				.replace("\"gender\"", "\"extension\":[{\"url\":\"urn:zaitaku:test:note\",\"valueString\":\"" + "い".repeat(400_000) + "\"}],\"gender\"");
		// An InputStream body of unknown length is sent chunked, without Content-Length.
		InputStream stream = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
		assertOperationOutcome(fhir().body(stream).post("/Patient").then(), 413);
		assertNoPatientWith(identifier);
	}

	@Test
	void resourceOfTheWrongTypeForTheUrlIsRefused() {
		assertOperationOutcome(
				fhir().body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"体温\"}}").post("/Patient").then(),
				400);
	}

	@Test
	void unknownResourceTypeGets404() {
		assertOperationOutcome(fhir().get("/Kaigo").then(), 404);
	}

	@Test
	void unknownSearchParameterIsRefusedWithTheValidOnesListed() {
		assertOperationOutcome(fhir().get("/Patient?kanji-name=練馬").then(), 400)
				.body("issue[0].diagnostics", containsString("family"));
	}

	@Test
	void referenceToAPatientThatDoesNotExistIsRefused() {
		assertOperationOutcome(
				fhir().body(communicationJson("no-such-patient", "訪問看護の報告")).post("/Communication").then(), 400)
				.body("issue[0].diagnostics", containsString("Patient/no-such-patient"));
	}

	@Test
	void malformedReferenceIsRefused() {
		assertOperationOutcome(
				fhir().body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"体温\"},\"subject\":{\"reference\":\"::::\"}}")
						.post("/Observation").then(),
				400);
	}

	@Test
	void emptyBodyIsRefused() {
		assertOperationOutcome(fhir().body("").post("/Patient").then(), 400);
	}

	@Test
	void invalidSearchValueIsRefused() {
		assertOperationOutcome(fhir().get("/Patient?birthdate=昭和十三年").then(), 400);
	}

	@Test
	void updateWithAnIdThatDoesNotMatchTheUrlIsRefused() {
		String id = createPatient("下石神井", "秋", "シモシャクジイ", "アキ");
		String other = patientJson("下石神井", "秋", "シモシャクジイ", "アキ", unique()).replaceFirst("\\{", "{\"id\":\"not-" + id + "\",");
		assertOperationOutcome(fhir().body(other).put("/Patient/" + id).then(), 400);
	}

	@Test
	void brokenPercentEncodingInTheQueryIsRefused() throws Exception {
		for (String query : new String[] {"/fhir/Patient?family=%E7%B7%B4%E9%A6%AC%2", "/fhir/Patient?family=100%", "/fhir/Patient?%zz=1"}) {
			String response = rawGet(query);
			assertThat(query, response, startsWith("HTTP/1.1 400"));
			assertThat(query, response, containsString("\"resourceType\":\"OperationOutcome\""));
		}
	}

	@Test
	void unencodedPipeInATokenSearchIsAccepted() throws Exception {
		String identifier = unique();
		fhir().body(patientJson("旭丘", "守", "アサヒガオカ", "マモル", identifier)).post("/Patient").then().statusCode(201);
		String response = rawGet("/fhir/Patient?identifier=urn:zaitaku:test|" + identifier);
		assertThat(response, startsWith("HTTP/1.1 200"));
		assertThat(response, containsString("\"total\":1"));
	}

	@Test
	void requestTomcatCannotParseStillGetsAnOperationOutcome() throws Exception {
		String response = rawGet("/fhir/Patient?name=<script>");
		assertThat(response, startsWith("HTTP/1.1 400"));
		assertThat(response, containsString("\"resourceType\":\"OperationOutcome\""));
	}

	@Test
	void elementsR4DoesNotHaveAreRefusedInsteadOfSilentlyDropped() {
		String identifier = unique();
		String withUnknown = patientJson("羽沢", "稔", "ハザワ", "ミノル", identifier).replaceFirst("\\{", "{\"careLevel\":\"要介護3\",");
		assertOperationOutcome(fhir().body(withUnknown).post("/Patient").then(), 400)
				.body("issue[0].diagnostics", containsString("careLevel"));
		assertNoPatientWith(identifier);
	}

	@Test
	void extensionWithoutUrlIsRefused() {
		String identifier = unique();
		String body = patientJson("羽沢", "実", "ハザワ", "ミノル", identifier)
				.replaceFirst("\\{", "{\"extension\":[{\"valueString\":\"要介護3\"}],");
		assertOperationOutcome(fhir().body(body).post("/Patient").then(), 400).body("issue[0].diagnostics", containsString("url"));
		assertNoPatientWith(identifier);
	}

	@Test
	void transactionWithAnUnknownElementInOneEntryStoresNothing() {
		String identifier = unique();
		String bundle = TransactionIT.homeCareTransaction(identifier, "urn:uuid:7d5c1a38-0001-4a52-9b7e-000000000001")
				.replace("\"status\":\"final\"", "\"status\":\"final\",\"careLevel\":\"要介護3\"");
		assertOperationOutcome(fhir().body(bundle).post("/").then(), 400);
		assertNoPatientWith(identifier);
	}
}
