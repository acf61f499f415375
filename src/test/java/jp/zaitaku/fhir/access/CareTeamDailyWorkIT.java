package jp.zaitaku.fhir.access;

import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.forbidden;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.ids;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.notFound;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every role of the team still does its daily work with access control on, and membership changes
 * take effect on the next request.
 */
class CareTeamDailyWorkIT extends CareTeamAccessTestBase {

	@Test
	void theVisitingNurseReadsHerPatientAndPostsAReport() {
		as(nurseToken).get("/Patient/" + patientA).then().statusCode(200).body("name[0].family", equalTo("練馬"));
		String report = message(patientA, "report", "本日の訪問：褥瘡は改善傾向").replace("\"sender\":{\"reference\":\"Patient/" + patientA + "\"}",
				"\"sender\":{\"reference\":\"Practitioner/" + nurse + "\"}");
		String id = created(as(nurseToken).body(report).post("/Communication"));
		assertThat(ids(as(nurseToken).get("/Communication?patient=Patient/" + patientA)), hasItem(id));
		assertThat(ids(as(nurseToken).get("/Communication?_content=褥瘡")), hasItem(id));
		as(nurseToken).get("/Patient/" + patientA + "/$everything").then().statusCode(200);
	}

	@Test
	void thePharmacistSeesThePatientBecauseHisPharmacyIsOnTheTeam() {
		as(pharmacistToken).get("/Patient/" + patientA).then().statusCode(200);
		assertThat(ids(as(pharmacistToken).get("/Observation")), hasItem(observationA));
		notFound(as(pharmacistToken).get("/Patient/" + patientB));
		created(as(pharmacistToken).body(message(patientA, "medication-info", "残薬調整しました")).post("/Communication"));
	}

	@Test
	void aMemberAddedToTheTeamSeesThePatientAtOnceAndLosesItWhenRemoved() {
		notFound(as(doctorBToken).get("/Patient/" + patientA));
		try {
			teamAWith(member("backup-physician", "Practitioner/" + doctorB));
			as(doctorBToken).get("/Patient/" + patientA).then().statusCode(200);
			assertThat(ids(as(doctorBToken).get("/Observation")), hasItem(observationA));
		} finally {
			teamAWith();
		}
		notFound(as(doctorBToken).get("/Patient/" + patientA));
		assertThat(ids(as(doctorBToken).get("/Observation")), not(hasItem(observationA)));
	}

	@Test
	void aMemberWhoseParticipationEndedLosesAccess() {
		try {
			teamAWith(member("backup-physician", "Practitioner/" + doctorB).replace("{\"role\"",
					"{\"extension\":[{\"url\":\"https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-participation-status\",\"valueCode\":\"ended\"}],\"role\""));
			notFound(as(doctorBToken).get("/Patient/" + patientA));
		} finally {
			teamAWith();
		}
	}

	@Test
	void aMemberWhoseParticipationPeriodEndsLosesAccessWhenItEnds() {
		String end = java.time.Instant.now().plus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
		try {
			teamAWith(member("backup-physician", "Practitioner/" + doctorB).replace("{\"role\"",
					"{\"period\":{\"end\":\"" + end + "\"},\"role\""));
			as(doctorBToken).get("/Patient/" + patientA).then().statusCode(200);
			// No write announces the end: the cached answer knows when it goes stale.
			clock().advance(java.time.Duration.ofHours(2));
			notFound(as(doctorBToken).get("/Patient/" + patientA));
		} finally {
			clock().reset();
			teamAWith();
		}
	}

	@Test
	void aPractitionerNoLongerActiveAndATeamWhosePeriodIsOverReachNoOne() {
		String leaving = create("Practitioner", "{\"resourceType\":\"Practitioner\",\"active\":true,\"name\":[{\"text\":\"退職 予定\",\"family\":\"退職\"}]}");
		String leavingToken = signIn(appId, "Practitioner/" + leaving, null);
		try {
			teamAWith(member("rehab-therapist", "Practitioner/" + leaving));
			as(leavingToken).get("/Patient/" + patientA).then().statusCode(200);
			fhir().body("{\"resourceType\":\"Practitioner\",\"id\":\"" + leaving + "\",\"active\":false,\"name\":[{\"text\":\"退職 予定\",\"family\":\"退職\"}]}")
					.put("/Practitioner/" + leaving).then().statusCode(200);
			notFound(as(leavingToken).get("/Patient/" + patientA));
		} finally {
			teamAWith();
		}
		String former = createPatient("終了", "チーム", "シュウリョウ", "チーム");
		create("CareTeam", careTeam(former, "Practitioner/" + caremanager, List.of(member("visiting-nurse", "Practitioner/" + nurse)))
				.replace("\"status\":\"active\",", "\"status\":\"active\",\"period\":{\"start\":\"2020-04-01\",\"end\":\"2024-03-31\"},"));
		notFound(as(nurseToken).get("/Patient/" + former));
	}

	@Test
	void theFamilySeesOnlyWhatTheTeamGivesFamily() {
		as(familyAToken).get("/Patient/" + patientA).then().statusCode(200);
		as(familyAToken).get("/Communication/" + messageA).then().statusCode(200);
		notFound(as(familyAToken).get("/Communication/" + staffOnlyMessageA));
		notFound(as(familyAToken).get("/Observation/" + observationA));
		forbidden(as(familyAToken).get("/Observation"));
		notFound(as(familyAToken).get("/Patient/" + patientB));
		List<String> messages = ids(as(familyAToken).get("/Communication?_count=200"));
		assertThat(messages, hasItem(messageA));
		assertThat(messages, not(hasItem(staffOnlyMessageA)));
		as(familyAToken).get("/Communication?_summary=count").then().statusCode(200).body("total", equalTo(messages.size()));
		assertThat(ids(as(familyAToken).get("/Communication?_content=穏やか")), hasItem(messageA));
		assertThat(ids(as(familyAToken).get("/Communication?_content=点滴")), not(hasItem(staffOnlyMessageA)));
		// Lucene cannot count by message category: a clear refusal rather than a count of staff-only messages.
		as(familyAToken).get("/Communication?_content=点滴&_summary=count").then().statusCode(400);
		as(familyAToken).get("/CareTeam/" + teamA).then().statusCode(200);
	}

	@Test
	void theFamilyWritesFamilyMessagesAndNothingElse() {
		String fromSon = message(patientA, "family-message", "母は昨夜よく眠れました").replace(
				"\"sender\":{\"reference\":\"Patient/" + patientA + "\"}", "\"sender\":{\"reference\":\"RelatedPerson/" + familyA + "\"}");
		String id = created(as(familyAToken).body(fromSon).post("/Communication"));
		as(familyAToken).get("/Communication/" + id).then().statusCode(200);
		forbidden(as(familyAToken).body(message(patientA, "instruction", "家族からの指示")).post("/Communication"));
		forbidden(as(familyAToken).body(observation(patientA, "家族の記録", unique())).post("/Observation"));
		forbidden(as(familyAToken).body(message(patientB, "family-message", "他人へ")).post("/Communication"));
	}

	@Test
	void theAdministratorMaintainsTheDirectoryWithoutClinicalRead() {
		notFound(as(adminToken).get("/Patient/" + patientA));
		forbidden(as(adminToken).get("/Observation"));
		forbidden(as(adminToken).get("/Patient"));
		as(adminToken).get("/Practitioner/" + nurse).then().statusCode(200);
		created(as(adminToken).body("{\"resourceType\":\"Organization\",\"name\":\"練馬区訪問歯科クリニック\"}").post("/Organization"));
		// 監査: the administrator reads the whole trail, including the nurse's and the outsider's refusals.
		as(outsiderToken).get("/Patient/" + patientB).then().statusCode(404);
		assertThat(ids(as(adminToken).get("/AuditEvent?agent=Practitioner/" + outsider + "&_count=5")).isEmpty(), equalTo(false));
	}

	@Test
	void aNurseEnrolsANewPatientWithItsTeamAtDischarge() {
		String patientUrn = "urn:uuid:" + unique();
		String team = careTeam("PLACEHOLDER", "Practitioner/" + caremanager, List.of(member("visiting-nurse", "Practitioner/" + nurse)))
				.replace("Patient/PLACEHOLDER", patientUrn);
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"%s","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"fullUrl":"urn:uuid:%s","resource":%s,"request":{"method":"POST","url":"CareTeam"}}]}"""
				.formatted(patientUrn, patientJson("退院", "予定", "タイイン", "ヨテイ", unique()), unique(), team);
		Response answer = as(nurseToken).body(transaction).post("/");
		answer.then().statusCode(200);
		String newPatient = answer.jsonPath().getString("entry[0].response.location").replaceAll("Patient/([^/]+)/.*", "$1");
		as(nurseToken).get("/Patient/" + newPatient).then().statusCode(200).body("name[0].family", equalTo("退院"));
		notFound(as(outsiderToken).get("/Patient/" + newPatient));
	}

	@Test
	void theNursingStationsBackendRecordsForItsPatient() {
		created(as(stationBToken).body(observation(patientB, "訪問看護：SpO2 96%", unique())).post("/Observation"));
		as(stationBToken).get("/CareTeam/" + teamB).then().statusCode(200);
	}

	/** Stores team A as set up, plus the given extra participants. */
	private static void teamAWith(String... extraMembers) {
		List<String> members = new java.util.ArrayList<>(List.of(
				member("visiting-nurse", "Practitioner/" + nurse),
				member("regular-pharmacist", "Organization/" + pharmacy),
				member("family-caregiver", "RelatedPerson/" + familyA)));
		members.addAll(List.of(extraMembers));
		String team = careTeam(patientA, "Practitioner/" + caremanager, members)
				.replace("{\"resourceType\":\"CareTeam\",", "{\"resourceType\":\"CareTeam\",\"id\":\"" + teamA + "\",");
		// The coordinator changes the team herself.
		as(caremanagerToken).body(team).put("/CareTeam/" + teamA).then().statusCode(200);
	}
}
