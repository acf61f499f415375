package jp.zaitaku.fhir.access;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack suite: the visiting nurse of 練馬 花子 (A), and an outsider on no team, try to read,
 * infer or change the data of 谷原 次郎 (B), whose team they are not on, by every path the server
 * offers. Each case asserts the exact refusal: 404 as if the resource did not exist, 403 for what
 * cannot be limited to one's patients, or a result without B's data.
 */
class CareTeamAccessAttackIT extends CareTeamAccessTestBase {

	// --- reads by id -------------------------------------------------------------------------

	@Test
	void readingAnotherTeamsPatientAnswers404() {
		notFound(as(nurseToken).get("/Patient/" + patientB));
		notFound(as(outsiderToken).get("/Patient/" + patientB));
	}

	@Test
	void vreadOfAnotherTeamsPatientAnswers404() {
		notFound(as(nurseToken).get("/Patient/" + patientB + "/_history/1"));
	}

	@Test
	void readingAnotherPatientsObservationAnswers404() {
		notFound(as(nurseToken).get("/Observation/" + observationB));
	}

	@Test
	void aHiddenResourceLooksExactlyLikeAMissingOne() {
		String hidden = as(nurseToken).get("/Observation/" + observationB).then().statusCode(404)
				.extract().jsonPath().getString("issue[0].diagnostics");
		String missing = as(nurseToken).get("/Observation/987654321").then().statusCode(404)
				.extract().jsonPath().getString("issue[0].diagnostics");
		assertThat(hidden.replace(observationB, "N"), equalTo(missing.replace("987654321", "N")));
		String hiddenPatient = as(nurseToken).get("/Patient/" + patientB).then().statusCode(404)
				.extract().jsonPath().getString("issue[0].diagnostics");
		String missingPatient = as(nurseToken).get("/Patient/987654321").then().statusCode(404)
				.extract().jsonPath().getString("issue[0].diagnostics");
		assertThat(hiddenPatient.replace(patientB, "N"), equalTo(missingPatient.replace("987654321", "N")));
	}

	@Test
	void readingAnotherPatientsTeamAnswers404() {
		notFound(as(nurseToken).get("/CareTeam/" + teamB));
	}

	@Test
	void readingAnotherPatientsFamilyMemberAnswers404() {
		notFound(as(nurseToken).get("/RelatedPerson/" + familyB));
	}

	@Test
	void readingAnotherPatientsReferralTaskAnswers404() {
		notFound(as(nurseToken).get("/Task/" + taskB));
	}

	@Test
	void readingAnotherPatientsAttachmentAnswers404() {
		notFound(as(nurseToken).get("/Binary/" + binaryB));
		notFound(as(nurseToken).get("/DocumentReference/" + documentB));
	}

	// --- searches ----------------------------------------------------------------------------

	@Test
	void searchingByAnotherPatientIsRefused() {
		// Refused whether or not the patient exists: the answer says nothing about them.
		forbidden(as(nurseToken).get("/Observation?patient=Patient/" + patientB));
		forbidden(as(nurseToken).get("/Observation?subject=Patient/" + patientB));
		forbidden(as(nurseToken).get("/Observation?patient=Patient/no-such-patient"));
	}

	@Test
	void searchingWithoutConditionsFindsOnlyOwnPatients() {
		List<String> subjects = as(nurseToken).get("/Observation?_count=200").then().statusCode(200)
				.extract().jsonPath().getList("entry.resource.subject.reference");
		assertThat(subjects, hasItem("Patient/" + patientA));
		assertThat(subjects, everyItem(equalTo("Patient/" + patientA)));
	}

	@Test
	void searchingPatientsByNameFindsOnlyOwnPatients() {
		assertThat(ids(as(nurseToken).get("/Patient?family=谷原")), empty());
		assertThat(ids(as(nurseToken).get("/Patient?family=練馬")), hasItem(patientA));
	}

	@Test
	void countingCountsOnlyOwnPatients() {
		int visible = ids(as(nurseToken).get("/Observation?_count=500")).size();
		as(nurseToken).get("/Observation?_summary=count").then().statusCode(200).body("total", equalTo(visible));
		as(outsiderToken).get("/Communication?_summary=count").then().statusCode(200).body("total", equalTo(0));
		forbidden(as(nurseToken).get("/Observation?patient=Patient/" + patientB + "&_summary=count"));
	}

	@Test
	void anAccurateTotalCountsOnlyOwnPatients() {
		Response page = as(nurseToken).get("/Task?_total=accurate&_count=200");
		page.then().statusCode(200);
		assertThat(page.jsonPath().getInt("total"), equalTo(page.jsonPath().getList("entry").size()));
		assertThat(ids(page), not(hasItem(taskB)));
	}

	@Test
	void aChainedSearchDoesNotReachAnotherPatient() {
		assertThat(ids(as(nurseToken).get("/Observation?subject.family=谷原")), empty());
		assertThat(ids(as(nurseToken).get("/Observation?subject:Patient.family=谷原")), empty());
	}

	@Test
	void aChainThroughOnesOwnRecordIntoAnotherPatientIsRefused() {
		// A doctor on both teams wrote, in A's record, an Observation whose focus is B.
		String bridge = create("Observation", observation(patientA, "同居家族の介護状況", unique())
				.replace("\"subject\"", "\"focus\":[{\"reference\":\"Patient/" + patientB + "\"}],\"subject\""));
		assertThat(ids(as(nurseToken).get("/Observation?_id=" + bridge)), hasItem(bridge));
		forbidden(as(nurseToken).get("/Observation?focus.family=谷原"));
		forbidden(as(nurseToken).get("/Observation?focus:Patient.family=谷原"));
		// Several patients on one element: the narrowing holds if one of them is A, so B's name stays untestable.
		forbidden(as(nurseToken).get("/Appointment?patient.family=谷原"));
		forbidden(as(nurseToken).get("/Patient?link.family=谷原"));
		forbidden(as(nurseToken).get("/Observation?subject.link.family=谷原"));
		forbidden(as(nurseToken).body(batchGet("Observation?focus:Patient.family=谷原")).post("/"));
		// Through the record's own patient, and into the directory, chains still work.
		assertThat(ids(as(nurseToken).get("/Observation?subject.family=練馬&_id=" + bridge)), hasItem(bridge));
		assertThat(ids(as(nurseToken).get("/Observation?patient.family=練馬&_id=" + bridge)), hasItem(bridge));
		as(nurseToken).get("/Patient?general-practitioner:Practitioner.name=在宅").then().statusCode(200);
	}

	@Test
	void aReverseChainDoesNotRevealAnotherPatient() {
		String identifier = unique();
		create("Observation", observation(patientB, "逆参照の確認", identifier));
		assertThat(ids(as(nurseToken).get("/Patient?_has:Observation:subject:identifier=" + identifier)), empty());
		assertThat(ids(fhir().get("/Patient?_has:Observation:subject:identifier=" + identifier)), hasItem(patientB));
	}

	@Test
	void aReverseChainFromTheDirectoryIsRefused() {
		forbidden(as(nurseToken).get("/Practitioner?_has:CareTeam:participant:subject=Patient/" + patientB));
	}

	@Test
	void fullTextSearchDoesNotFindAnotherPatientsWords() {
		List<String> found = ids(as(nurseToken).get("/Observation?_content=嚥下"));
		assertThat(found, hasItem(observationA));
		assertThat(found, not(hasItem(observationB)));
		assertThat(ids(as(nurseToken).get("/Communication?_content=嚥下困難")), empty());
		assertThat(ids(as(nurseToken).get("/Observation?_text=嚥下障害")), not(hasItem(observationB)));
	}

	@Test
	void fullTextCountsOnlyTheCallersPatients() {
		// HAPI counts a full-text search in Lucene and, left alone, ignores the narrowing to the team's patients.
		fhir().get("/Communication?_content=嚥下困難&_summary=count").then().statusCode(200).body("total", greaterThan(0));
		as(nurseToken).get("/Communication?_content=嚥下困難&_summary=count").then().statusCode(200).body("total", equalTo(0));
		as(nurseToken).get("/Communication?_content=嚥下困難&_total=accurate").then().statusCode(200).body("total", equalTo(0));
		int visible = ids(as(nurseToken).get("/Observation?_content=嚥下&_count=100")).size();
		as(nurseToken).get("/Observation?_content=嚥下&_summary=count").then().statusCode(200).body("total", equalTo(visible));
	}

	@Test
	void aDeleteConflictDoesNotNameAHiddenResource() {
		// An own-team record that a record about another patient (written by someone who reaches both) refers to.
		String own = create("Observation", observation(patientA, "削除予定の記録", unique()));
		String hidden = create("Observation", observation(patientB, "他チームの記録", unique())
				.replace("\"status\":\"final\",", "\"status\":\"final\",\"derivedFrom\":[{\"reference\":\"Observation/" + own + "\"}],"));
		Response refused = as(nurseToken).delete("/Observation/" + own);
		refused.then().statusCode(409).body("resourceType", equalTo("OperationOutcome"));
		assertThat(refused.asString(), not(containsString(hidden)));
		assertThat(refused.asString(), not(containsString("derivedFrom")));
		as(nurseToken).get("/Observation/" + own).then().statusCode(200); // nothing deleted
		refusalAudited(nurseToken, 409);
		// Someone who may see the referring record still gets HAPI's message naming it.
		assertThat(fhir().delete("/Observation/" + own).then().statusCode(409).extract().asString(), containsString(hidden));
	}

	@Test
	void includeDoesNotBringAnotherPatientsResource() {
		// A message about A that (written by an unrestricted system) points at B's Observation.
		String linked = create("Communication", message(patientA, "report", "関連記録あり")
				.replace("\"status\":\"completed\"", "\"status\":\"completed\",\"partOf\":[{\"reference\":\"Observation/" + observationB + "\"}]"));
		List<String> found = ids(as(nurseToken).get("/Communication?_id=" + linked + "&_include=Communication:part-of"));
		assertThat(found, hasItem(linked));
		assertThat(found, not(hasItem(observationB)));
	}

	@Test
	void revincludeDoesNotBringAnotherPatientsResources() {
		List<String> found = ids(as(nurseToken).get("/Practitioner?_id=" + doctorB + "&_revinclude=CareTeam:participant"));
		assertThat(found, hasItem(doctorB));
		assertThat(found, not(hasItem(teamB)));
		List<String> ownPatient = ids(as(nurseToken).get("/Patient?_id=" + patientA + "&_revinclude=Observation:subject"));
		assertThat(ownPatient, hasItem(observationA));
		assertThat(ownPatient, not(hasItem(observationB)));
	}

	@Test
	void aSearchOrHistoryOfTheWholeServerIsRefused() {
		forbidden(as(nurseToken).get("?_type=Observation,Patient"));
		forbidden(as(nurseToken).get("/_history"));
	}

	@Test
	void anotherCallersPagingLinkShowsNothingOfAnotherPatient() {
		create("Observation", observation(patientB, "次郎さん 追加の記録", unique()));
		String next = fhir().get("/Observation?patient=Patient/" + patientB + "&_count=1").then().statusCode(200)
				.extract().jsonPath().getString("link.find { it.relation == 'next' }.url");
		assertThat(next, notNullValue());
		String pageQuery = next.substring(next.indexOf("/fhir") + "/fhir".length());
		Response stolen = as(nurseToken).get(pageQuery);
		stolen.then().statusCode(410).body("resourceType", equalTo("OperationOutcome"));
		refusalAudited(nurseToken, 410);
		assertThat(stolen.asString(), not(containsString("Patient/" + patientB)));
	}

	// --- history and operations --------------------------------------------------------------

	@Test
	void historyOfAnotherPatientsResourceAnswers404() {
		notFound(as(nurseToken).get("/Patient/" + patientB + "/_history"));
		notFound(as(nurseToken).get("/Observation/" + observationB + "/_history"));
	}

	@Test
	void historyOfAWholeTypeIsRefused() {
		forbidden(as(nurseToken).get("/Observation/_history"));
		forbidden(as(nurseToken).get("/Patient/_history"));
	}

	@Test
	void everythingOfAnotherPatientAnswers404() {
		notFound(as(nurseToken).get("/Patient/" + patientB + "/$everything"));
	}

	@Test
	void everythingOfAllPatientsIsRefused() {
		forbidden(as(nurseToken).get("/Patient/$everything"));
	}

	// --- transactions and batches ------------------------------------------------------------

	@Test
	void aBatchReadOfAnotherPatientAnswers404ForThatEntryOnly() {
		String lastVersionOfB = "Observation/" + observationB + "/_history/1";
		Response answer = as(nurseToken).body("""
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"request":{"method":"GET","url":"Patient/%s"}},
				 {"request":{"method":"GET","url":"Observation/%s"}},
				 {"request":{"method":"GET","url":"%s"}},
				 {"request":{"method":"GET","url":"Observation/999999999"}}]}""".formatted(patientA, observationB, lastVersionOfB)).post("/");
		answer.then().statusCode(200).body("type", equalTo("batch-response"))
				.body("entry[0].response.status", equalTo("200 OK"))
				.body("entry[0].resource.id", equalTo(patientA))
				.body("entry[1].response.status", equalTo("404 Not Found"))
				.body("entry[1].response.outcome.resourceType", equalTo("OperationOutcome"))
				.body("entry[2].response.status", equalTo("404 Not Found"))
				.body("entry[3].response.status", equalTo("404 Not Found"));
		assertThat(answer.asString(), not(containsString("嚥下障害")));
		// A hidden record's entry reads exactly like a missing one's.
		assertThat(answer.jsonPath().getString("entry[1].response.outcome.issue[0].diagnostics").replace(observationB, "X"),
				equalTo(answer.jsonPath().getString("entry[3].response.outcome.issue[0].diagnostics").replace("999999999", "X")));
		// Each refused entry has its own refusal event.
		List<String> refusals = fhir().get("/AuditEvent?" + AGENT_OF_TOKEN.get(nurseToken) + "&outcome=4&_count=20")
				.jsonPath().getList("entry.resource.outcomeDesc");
		assertThat(refusals, hasItem("404 GET Observation/" + observationB + " (entry 2 of a batch)"));
		assertThat(refusals, hasItem("404 GET " + lastVersionOfB + " (entry 3 of a batch)"));
	}

	@Test
	void aBatchSearchFindsOnlyOwnPatients() {
		Response answer = as(nurseToken).body("""
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"request":{"method":"GET","url":"Observation?_content=嚥下"}},
				 {"request":{"method":"GET","url":"Patient?family=谷原"}}]}""").post("/");
		answer.then().statusCode(200);
		assertThat(answer.jsonPath().getList("entry[0].resource.entry.resource.id"), hasItem(observationA));
		assertThat(answer.asString(), not(containsString("嚥下障害")));
		assertThat(answer.asString(), not(containsString("\"family\":\"谷原\"")));
	}

	@Test
	void aBatchReadingAnotherPatientsHistoryOrEverythingIsRefused() {
		notFound(as(nurseToken).body(batchGet("Observation/%s/_history", observationB)).post("/"));
		notFound(as(nurseToken).body(batchGet("Patient/%s/$everything", patientB)).post("/"));
		forbidden(as(nurseToken).body(batchGet("Observation/_history")).post("/"));
	}

	@Test
	void aTransactionWritingIntoAnotherPatientsRecordStoresNothing() {
		String marker = unique();
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Observation"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"Observation"}}]}"""
				.formatted(unique(), observation(patientA, "自分の患者", marker), unique(), observation(patientB, "他人の患者", marker));
		forbidden(as(nurseToken).body(transaction).post("/"));
		fhir().get("/Observation?identifier=urn:zaitaku:test|" + marker).then().statusCode(200).body("total", equalTo(0));
	}

	@Test
	void aTransactionDeletingAnotherPatientsResourceAnswers404() {
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"request":{"method":"DELETE","url":"Observation/%s"}}]}""".formatted(observationB);
		notFound(as(nurseToken).body(transaction).post("/"));
		fhir().get("/Observation/" + observationB).then().statusCode(200);
		assertThat(refusalsInTrailOf(patientB, nurseToken), matchesPattern("(?s).*404 POST \\S*/fhir/?: .*"));
	}

	// --- writes -------------------------------------------------------------------------------

	@Test
	void creatingARecordForAnotherPatientIsRefused() {
		forbidden(as(nurseToken).body(observation(patientB, "書き込み", unique())).post("/Observation"));
		forbidden(as(outsiderToken).body(observation(patientA, "書き込み", unique())).post("/Observation"));
	}

	@Test
	void namingAnotherPatientInOnesOwnRecordIsRefused() {
		String toB = message(patientA, "report", "谷原さんにも共有").replace("\"recipient\":[{\"display\":\"在宅チーム\"}]",
				"\"recipient\":[{\"reference\":\"Patient/" + patientB + "\"}]");
		forbidden(as(nurseToken).body(toB).post("/Communication"));
	}

	@Test
	void linkingOnesOwnRecordToAnotherPatientsResourceLooksLikeAMissingTarget() {
		String linked = message(patientA, "report", "参照").replace("\"status\":\"completed\"",
				"\"status\":\"completed\",\"partOf\":[{\"reference\":\"Observation/" + observationB + "\"}]");
		Response refused = as(nurseToken).body(linked).post("/Communication");
		refused.then().statusCode(400).body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].diagnostics", containsString("Observation/" + observationB + " not found"));
		refusalAudited(nurseToken, 400);
	}

	@Test
	void updatingAnotherPatientsResourceAnswers404() {
		notFound(as(nurseToken).body(observation(patientA, "乗っ取り", unique()).replace("{\"resourceType\":\"Observation\",",
				"{\"resourceType\":\"Observation\",\"id\":\"" + observationB + "\",")).put("/Observation/" + observationB));
		fhir().get("/Observation/" + observationB).then().statusCode(200).body("subject.reference", equalTo("Patient/" + patientB));
		// The attempt to take over patient B's record is in her trail, not only in that of patient A (the body's).
		assertThat(refusalsInTrailOf(patientB, nurseToken), matchesPattern("(?s).*404 PUT \\S*/Observation/" + observationB + "\\b.*"));
	}

	@Test
	void patchingAnotherPatientsResourceAnswers404BeforeAnythingIsQuoted() {
		Response patched = as(nurseToken).contentType("application/json-patch+json")
				.body("[{\"op\":\"test\",\"path\":\"/valueString\",\"value\":\"推測\"}]").patch("/Observation/" + observationB);
		notFound(patched);
		assertThat(patched.asString(), not(containsString("嚥下障害")));
		assertThat(refusalsInTrailOf(patientB, nurseToken), matchesPattern("(?s).*404 PATCH \\S*/Observation/" + observationB + "\\b.*"));
	}

	@Test
	void deletingAnotherPatientsResourceAnswers404() {
		notFound(as(nurseToken).delete("/Observation/" + observationB));
		// The refusal is in patient B's audit trail, where her team and the auditors look.
		assertThat(refusalsInTrailOf(patientB, nurseToken), matchesPattern("(?s).*404 DELETE \\S*/Observation/" + observationB + "\\b.*"));
		notFound(as(nurseToken).delete("/Patient/" + patientB));
		fhir().get("/Observation/" + observationB).then().statusCode(200);
	}

	@Test
	void aConditionalCreateDoesNotFindAnotherPatientsResource() {
		Response answer = as(nurseToken).header("If-None-Exist", "identifier=urn:zaitaku:test|" + observationBIdentifier)
				.body(observation(patientA, "条件付き作成", observationBIdentifier)).post("/Observation");
		answer.then().statusCode(201);
		assertThat(answer.jsonPath().getString("id"), not(equalTo(observationB)));
		assertThat(answer.jsonPath().getString("subject.reference"), equalTo("Patient/" + patientA));
	}

	@Test
	void aConditionalDeleteDoesNotReachAnotherPatientsResource() {
		as(nurseToken).delete("/Observation?identifier=urn:zaitaku:test|" + observationBIdentifier);
		fhir().get("/Observation/" + observationB).then().statusCode(200);
	}

	@Test
	void aConditionalUpdateDoesNotOverwriteAnotherPatientsResource() {
		as(nurseToken).body(observation(patientA, "条件付き更新", observationBIdentifier))
				.put("/Observation?identifier=urn:zaitaku:test|" + observationBIdentifier + "&subject=Patient/" + patientB);
		fhir().get("/Observation/" + observationB).then().statusCode(200).body("valueString", containsString("嚥下障害"));
	}

	@Test
	void joiningAnotherPatientsTeamIsImpossible() {
		notFound(as(nurseToken).body(careTeam(patientB, "Practitioner/" + doctorB, List.of(member("visiting-nurse", "Practitioner/" + nurse)))
				.replace("{\"resourceType\":\"CareTeam\",", "{\"resourceType\":\"CareTeam\",\"id\":\"" + teamB + "\",")).put("/CareTeam/" + teamB));
		forbidden(as(outsiderToken).body(careTeam(patientB, "Practitioner/" + outsider, List.of())).post("/CareTeam"));
		notFound(as(nurseToken).get("/Patient/" + patientB));
	}

	@Test
	void aTeamMemberCannotGiveHimselfARoleInAnotherOrganisation() {
		forbidden(as(nurseToken).body("""
				{"resourceType":"PractitionerRole","active":true,"practitioner":{"reference":"Practitioner/%s"},
				 "organization":{"reference":"Organization/%s"},
				 "code":[{"coding":[{"system":"http://jpfhir.jp/fhir/core/CodeSystem/JP_PractitionerRole_CS","code":"JPR20000"}]}]}""".formatted(nurse, nursingStationB)).post("/PractitionerRole"));
	}

	@Test
	void anAttachmentForAnotherPatientsDocumentIsRefused() {
		// Refused as an attachment of a document that does not exist is, in the same words.
		Response hidden = as(nurseToken).body(binary(documentB)).post("/Binary");
		forbidden(hidden);
		Response missing = as(nurseToken).body(binary("987654321")).post("/Binary");
		forbidden(missing);
		assertThat(hidden.asString(), equalTo(missing.asString()));
	}

	@Test
	void aSubscriptionToAnotherPatientIsRefusedLikeTheSearch() {
		// The same answer as the search Observation?patient=B would get, whether or not B exists.
		Response hidden = as(nurseToken).body("""
				{"resourceType":"Subscription","status":"requested","reason":"監視","criteria":"Observation?patient=Patient/%s",
				 "channel":{"type":"rest-hook","endpoint":"https://example.jp/hook"}}""".formatted(patientB)).post("/Subscription");
		forbidden(hidden);
		Response missing = as(nurseToken).body("""
				{"resourceType":"Subscription","status":"requested","reason":"監視","criteria":"Observation?patient=Patient/987654321",
				 "channel":{"type":"rest-hook","endpoint":"https://example.jp/hook"}}""").post("/Subscription");
		forbidden(missing);
		assertThat(hidden.jsonPath().getString("issue[0].diagnostics"), equalTo(missing.jsonPath().getString("issue[0].diagnostics")));
	}

	@Test
	void typesThatBelongToNoPatientAreOutOfReach() {
		forbidden(as(nurseToken).get("/Bundle"));
		String groupB = create("Group", """
				{"resourceType":"Group","type":"person","actual":true,"name":"谷原家","member":[{"entity":{"reference":"Patient/%s"}}]}""".formatted(patientB));
		assertThat(ids(as(nurseToken).get("/Group")), not(hasItem(groupB)));
		notFound(as(nurseToken).get("/Group/" + groupB));
	}

	@Test
	void anOrganisationsBackendClientReachesOnlyItsTeamsPatients() {
		as(stationBToken).get("/Patient/" + patientB).then().statusCode(200);
		notFound(as(stationBToken).get("/Patient/" + patientA));
		assertThat(ids(as(stationBToken).get("/Observation?_count=200")), not(hasItem(observationA)));
	}

	@Test
	void theOutsiderSeesNoPatientAtAll() {
		assertThat(ids(as(outsiderToken).get("/Patient")), empty());
		assertThat(ids(as(outsiderToken).get("/Observation")), empty());
		notFound(as(outsiderToken).get("/Patient/" + patientA));
	}

	@Test
	void theAuditTrailOfAnotherPatientIsHidden() {
		as(nurseToken).get("/Patient/" + patientA).then().statusCode(200);
		List<String> own = ids(as(nurseToken).get("/AuditEvent?patient=Patient/" + patientA + "&_count=5"));
		assertThat(own.isEmpty(), equalTo(false));
		assertThat(ids(as(nurseToken).get("/AuditEvent?patient=Patient/" + patientB)), empty());
		String eventAboutB = fhir().get("/AuditEvent?patient=Patient/" + patientB + "&_count=1").then().statusCode(200)
				.extract().jsonPath().getString("entry[0].resource.id");
		notFound(as(nurseToken).get("/AuditEvent/" + eventAboutB));
		forbidden(as(familyAToken).get("/AuditEvent?patient=Patient/" + patientA));
	}

	@Test
	void theAuditTrailCannotBeChanged() {
		String event = fhir().get("/AuditEvent?patient=Patient/" + patientA + "&_count=1").then().statusCode(200)
				.extract().jsonPath().getString("entry[0].resource.id");
		as(nurseToken).delete("/AuditEvent/" + event).then().statusCode(405);
		as(adminToken).delete("/AuditEvent/" + event).then().statusCode(405);
		fhir().get("/AuditEvent/" + event).then().statusCode(200);
		// Inside bundles as alone: a batch entry is 405, a transaction is 405 whole, for every caller.
		for (Response batch : List.of(fhir().body(auditEventWrites("batch", event)).post("/"),
				as(adminToken).body(auditEventWrites("batch", event)).post("/"))) {
			batch.then().log().ifValidationFails().statusCode(200).body("entry.response.status", everyItem(equalTo("405 Method Not Allowed")))
					.body("entry[0].response.outcome.issue[0].diagnostics", containsString("監査証跡は変更できません"));
		}
		fhir().body(auditEventWrites("transaction", event)).post("/").then().statusCode(405)
				.body("issue[0].diagnostics", containsString("監査証跡は変更できません"));
		fhir().get("/AuditEvent/" + event).then().statusCode(200);
	}

	private static String auditEventWrites(String bundleType, String event) {
		return """
				{"resourceType":"Bundle","type":"%s","entry":[
				 {"request":{"method":"DELETE","url":"AuditEvent/%s"}},
				 {"request":{"method":"DELETE","url":"AuditEvent?patient=Patient/%s"}},
				 {"request":{"method":"PATCH","url":"AuditEvent/%s"},"resource":{"resourceType":"Binary","contentType":"application/json-patch+json",
				   "data":"W3sib3AiOiJyZW1vdmUiLCJwYXRoIjoiL291dGNvbWUifV0="}}]}""".formatted(bundleType, event, patientA, event);
	}

	// --- found by review: conditions, references written as searches, bundles ----------------------

	@Test
	void aConditionalCreateInABundleCannotSearchUnderAnotherTypesName() {
		String hiding = """
				{"resourceType":"Bundle","type":"%s","entry":[{"fullUrl":"urn:uuid:%s",
				 "resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/%s"}},
				 "request":{"method":"POST","url":"Practitioner","ifNoneExist":"identifier=urn:zaitaku:test|%s"}}]}""";
		forbidden(as(outsiderToken).header("Prefer", "return=representation")
				.body(hiding.formatted("transaction", unique(), patientA, observationBIdentifier)).post("/"));
		forbidden(as(nurseToken).header("Prefer", "return=representation")
				.body(hiding.formatted("batch", unique(), patientA, observationBIdentifier)).post("/"));
	}

	@Test
	void attachmentsCannotBeSearchedOrFoundByACondition() {
		forbidden(as(nurseToken).header("If-None-Exist", "_id=" + binaryB).body(binary(documentA)).post("/Binary"));
		forbidden(as(nurseToken).get("/Binary?_summary=count"));
	}

	@Test
	void aReverseChainFromTheDirectoryIsRefusedInABundleToo() {
		forbidden(as(nurseToken).body(batchGet("Practitioner?_has:CareTeam:participant:subject=Patient/%s", patientB)).post("/"));
		forbidden(as(nurseToken).body(batchGet("Task?_summary=count")).post("/"));
	}

	@Test
	void aReferenceWrittenAsASearchIsRefused() {
		String oracle = message(patientA, "report", "検索参照").replace("\"status\":\"completed\"",
				"\"status\":\"completed\",\"partOf\":[{\"reference\":\"Observation?identifier=urn:zaitaku:test|" + observationBIdentifier + "\"}]");
		forbidden(as(nurseToken).body(oracle).post("/Communication"));
		forbidden(as(familyAToken).body(oracle).post("/Communication"));
	}

	@Test
	void aNewPatientCannotBeLinkedToAnotherPatient() {
		String patientUrn = "urn:uuid:" + unique();
		String linked = patientJson("連結", "試行", "レンケツ", "シコウ", unique()).replace("\"gender\"",
				"\"link\":[{\"other\":{\"reference\":\"Patient/" + patientB + "\"},\"type\":\"seealso\"}],\"gender\"");
		String team = careTeam("PLACEHOLDER", "Practitioner/" + nurse, List.of()).replace("Patient/PLACEHOLDER", patientUrn);
		forbidden(as(nurseToken).body("""
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"%s","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"CareTeam"}}]}"""
				.formatted(patientUrn, linked, unique(), team)).post("/"));
	}

	@Test
	void aRecordSharedWithAnotherPatientCannotBeDeletedByOneTeam() {
		String both = create("Appointment", """
				{"resourceType":"Appointment","status":"booked","description":"合同カンファレンス",
				 "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},{"actor":{"reference":"Patient/%s"},"status":"accepted"}]}"""
				.formatted(patientA, patientB));
		forbidden(as(nurseToken).delete("/Appointment/" + both));
		fhir().get("/Appointment/" + both).then().statusCode(200);
	}

	@Test
	void familyMembersCannotReachIntoClinicalDataThroughChainsOrReverseChains() {
		forbidden(as(familyAToken).get("/Patient?_has:Observation:subject:identifier=" + observationBIdentifier));
		forbidden(as(familyAToken).get("/Communication?subject.family=練馬"));
	}

	// --- helpers -------------------------------------------------------------------------------

	/** 404 with an OperationOutcome, and the refusal is in the audit trail. */
	static void notFound(Response response) {
		String token = lastToken;
		response.then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
		refusalAudited(token, 404);
	}

	/** The descriptions of the latest refusals of {@code token}'s caller recorded about {@code patientId}. */
	private static String refusalsInTrailOf(String patientId, String token) {
		return fhir().get("/AuditEvent?patient=Patient/" + patientId + "&" + AGENT_OF_TOKEN.get(token) + "&outcome=4&_count=5")
				.then().statusCode(200).extract().jsonPath().getList("entry.resource.outcomeDesc").toString();
	}

	/** 403 with an OperationOutcome, and the refusal is in the audit trail. */
	static void forbidden(Response response) {
		String token = lastToken;
		response.then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
		refusalAudited(token, 403);
	}

	/** A batch of one GET entry; {@code url} may hold {@code %s} placeholders for {@code values}. */
	private static String batchGet(String url, Object... values) {
		return """
				{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"%s"}}]}"""
				.formatted(url.formatted(values));
	}

	static List<String> ids(Response response) {
		response.then().statusCode(200);
		List<String> ids = response.jsonPath().getList("entry.resource.id");
		return ids == null ? List.of() : ids;
	}
}
