package jp.zaitaku.fhir.access;

import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.forbidden;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.ids;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attack class "a search condition looks into hidden records": the narrowing limits the records a
 * search returns, and no condition may test a record the caller does not reach either. Home care
 * links patients' records in ordinary ways — here an Observation of 谷原 次郎 (B) derived from one of
 * 練馬 花子 (A), and B's Patient linked to A's as spouses — and through such a link a member of A's team
 * could otherwise test B's values one guess at a time.
 */
class HiddenRecordsInConditionsIT extends CareTeamAccessTestBase {

	private static final String SECRET = "夜間せん妄あり" + unique();
	private static String derivedB;
	private static String listB;

	@BeforeEach
	void linkTheTwoRecords() {
		if (derivedB != null) {
			return;
		}
		// Written by a doctor on both teams: B's observation derived from A's.
		derivedB = create("Observation", observation(patientB, SECRET, unique())
				.replace("\"subject\"", "\"derivedFrom\":[{\"reference\":\"Observation/" + observationA + "\"}],\"subject\""));
		listB = create("List", """
				{"resourceType":"List","status":"current","mode":"working","title":"次郎さんの気がかり",
				 "subject":{"reference":"Patient/%s"},"entry":[{"item":{"reference":"Observation/%s"}}]}""".formatted(patientB, observationA));
	}

	@Test
	void theExampleReverseChainIsAnsweredForTheSuiteButRefusedForTheNurse() {
		String guess = "/Observation?_has:Observation:derived-from:value-string=" + SECRET;
		// The link exists: a caller who reaches every patient finds A's observation by B's value.
		assertThat(ids(fhir().get(guess)), contains(observationA));
		forbidden(as(nurseToken).get(guess));
		forbidden(as(nurseToken).get("/Observation?_has:Observation:derived-from:value-string=" + "当てずっぽう"));
	}

	@Test
	void aReverseChainToTheRecordsOwnPatientStillWorks() {
		// Every Observation whose subject is A is A's own record: nothing hidden is tested.
		String identifier = unique();
		create("Observation", observation(patientB, "逆参照の確認", identifier));
		assertThat(ids(as(nurseToken).get("/Patient?_has:Observation:subject:identifier=" + identifier)), empty());
		assertThat(ids(fhir().get("/Patient?_has:Observation:subject:identifier=" + identifier)), contains(patientB));
		Response own = as(nurseToken).get("/Patient?_has:Observation:patient:status=final");
		assertThat(ids(own), contains(patientA));
		assertThat(ids(as(nurseToken).get("/Patient?_has:Task:patient:status=requested")), contains(patientA));
	}

	@Test
	void reverseChainsThroughAnyOtherLinkAreRefused() {
		forbidden(as(nurseToken).get("/Patient?_has:Observation:focus:value-string=" + SECRET));
		forbidden(as(nurseToken).get("/Patient?_has:Patient:link:family=" + "谷原"));
		forbidden(as(nurseToken).get("/Communication?_has:Communication:in-response-to:sent=ge2020-01-01"));
		forbidden(as(nurseToken).get("/ServiceRequest?_has:Task:focus:status=requested"));
		forbidden(as(nurseToken).get("/Patient?_has:Linkage:source:_id=1"));
	}

	@Test
	void nestedAndCombinedReverseChainsAreRefused() {
		forbidden(as(nurseToken).get("/Patient?_has:Observation:subject:_has:Observation:derived-from:value-string=" + SECRET));
		forbidden(as(nurseToken).get("/Patient?_has:Observation:subject:derived-from.value-string=" + SECRET));
		forbidden(as(nurseToken).get("/Patient?_has:Observation:subject:status=final"
				+ "&_has:Observation:derived-from:value-string=" + SECRET));
	}

	@Test
	void aChainEndingInAReverseChainIsRefused() {
		forbidden(as(nurseToken).get("/Observation?subject._has:Observation:derived-from:value-string=" + SECRET));
		forbidden(as(nurseToken).get("/Observation?subject:Patient._has:Observation:subject:value-string=" + SECRET));
	}

	@Test
	void chainedMissingIntoAnotherRecordIsRefused() {
		forbidden(as(nurseToken).get("/Observation?derived-from.subject:missing=false"));
		forbidden(as(nurseToken).get("/Patient?link.general-practitioner:missing=true"));
		// On the record's own reference, :missing tests the record itself.
		assertThat(ids(as(nurseToken).get("/Observation?_id=" + observationA + "&derived-from:missing=true")), contains(observationA));
	}

	@Test
	void referenceAndValueConditionsTestOnlyTheSearchedRecordsThemselves() {
		// B's record derived from A's: found by whoever reaches B, never by A's nurse.
		assertThat(ids(fhir().get("/Observation?derived-from=Observation/" + observationA)), contains(derivedB));
		assertThat(ids(as(nurseToken).get("/Observation?derived-from=Observation/" + observationA)), empty());
		assertThat(ids(as(nurseToken).get("/Observation?derived-from:Observation=" + observationA)), empty());
		// A value condition is evaluated on the searched records: B's value finds nothing of A's.
		assertThat(ids(fhir().get("/Observation?value-string=" + SECRET)), contains(derivedB));
		assertThat(ids(as(nurseToken).get("/Observation?value-string=" + SECRET)), empty());
	}

	@Test
	void aSortThroughAReferenceIntoAnotherRecordIsRefused() {
		forbidden(as(nurseToken).get("/Observation?_sort=derived-from.value-string"));
	}

	@Test
	void aListConditionNeedsAListTheCallerMayRead() {
		// The same refusal for another patient's List and for one that does not exist.
		Response hidden = as(nurseToken).get("/Observation?_list=List/" + listB);
		forbidden(hidden);
		Response missing = as(nurseToken).get("/Observation?_list=List/987654321");
		forbidden(missing);
		assertThat(hidden.jsonPath().getString("issue[0].diagnostics").replace(listB, "N"),
				equalTo(missing.jsonPath().getString("issue[0].diagnostics").replace("987654321", "N")));
		String ownList = create("List", """
				{"resourceType":"List","status":"current","mode":"working","subject":{"reference":"Patient/%s"},
				 "entry":[{"item":{"reference":"Observation/%s"}}]}""".formatted(patientA, observationA));
		assertThat(ids(as(nurseToken).get("/Observation?_list=List/" + ownList)), contains(observationA));
	}

	@Test
	void theSameRulesHoldInsideBundles() {
		forbidden(as(nurseToken).body(batchGet("Observation?_has:Observation:derived-from:value-string=" + encode(SECRET))).post("/"));
		forbidden(as(nurseToken).body(batchGet("Observation?_list=List/" + listB)).post("/"));
		forbidden(as(nurseToken).body(batchGet("Observation?_sort=derived-from.value-string")).post("/"));
	}

	private static String batchGet(String url) {
		return """
				{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"%s"}}]}""".formatted(url);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
