package jp.zaitaku.fhir.access;

import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.forbidden;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.ids;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.notFound;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The patient's sharing consent (情報共有の同意) narrows the team further, and a professional
 * outside the team can open a record in an emergency (緊急時アクセス), read only, recorded and
 * announced to the coordinator.
 */
class ConsentAndEmergencyAccessIT extends CareTeamAccessTestBase {

	/** A new patient with a team: coordinator ケアマネ 石神井, the nurse, the pharmacy. */
	private String patientWithTeam(String family) {
		String patient = createPatient(family, "さん", "カナ", "サン");
		create("CareTeam", careTeam(patient, "Practitioner/" + caremanager, List.of(
				member("visiting-nurse", "Practitioner/" + nurse),
				member("regular-pharmacist", "Organization/" + pharmacy))));
		return patient;
	}

	private static String sharingConsent(String patient, String type, String actorsJson) {
		return """
				{"resourceType":"Consent","status":"active",
				 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
				 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
				 "patient":{"reference":"Patient/%s"},"dateTime":"2026-11-20T10:00:00+09:00",
				 "organization":[{"reference":"Organization/%s"}],
				 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
				 "provision":{"type":"%s"%s}}""".formatted(patient, careOffice, type, actorsJson);
	}

	@Test
	void aRefusedConsentHidesThePatientFromEveryoneButTheOrganisationThatRecordedIt() {
		create("PractitionerRole", """
				{"resourceType":"PractitionerRole","active":true,"practitioner":{"reference":"Practitioner/%s"},
				 "organization":{"reference":"Organization/%s"},
				 "code":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/profession","code":"care-manager"}]}]}"""
				.formatted(caremanager, careOffice));
		String patient = patientWithTeam("同意拒否");
		as(nurseToken).get("/Patient/" + patient).then().statusCode(200);
		String consent = create("Consent", sharingConsent(patient, "deny", ""));

		notFound(as(nurseToken).get("/Patient/" + patient));
		notFound(as(pharmacistToken).get("/Patient/" + patient));
		as(caremanagerToken).get("/Patient/" + patient).then().statusCode(200);

		// Withdrawing the refusal (status inactive) gives the team its access back at once.
		fhir().body(sharingConsent(patient, "deny", "").replace("\"status\":\"active\"", "\"id\":\"" + consent + "\",\"status\":\"inactive\""))
				.put("/Consent/" + consent).then().statusCode(200);
		as(nurseToken).get("/Patient/" + patient).then().statusCode(200);
	}

	@Test
	void aConsentNamingItsRecipientsSharesWithThemOnly() {
		String patient = patientWithTeam("薬局のみ");
		create("Consent", sharingConsent(patient, "permit",
				",\"actor\":[{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ParticipationType\",\"code\":\"IRCP\"}]},"
						+ "\"reference\":{\"reference\":\"Organization/" + pharmacy + "\"}}]"));
		as(pharmacistToken).get("/Patient/" + patient).then().statusCode(200);
		notFound(as(nurseToken).get("/Patient/" + patient));
	}

	@Test
	void theOnCallDoctorOpensARecordInAnEmergencyReadOnlyRecordedAndAnnounced() {
		String onCall = create("Practitioner", "{\"resourceType\":\"Practitioner\",\"name\":[{\"text\":\"当直医 夜間\",\"family\":\"夜間\"}]}");
		String onCallToken = signIn(appId, "Practitioner/" + onCall, null);
		notFound(as(onCallToken).get("/Patient/" + patientB));

		as(onCallToken).body(reason(" ")).post("/Patient/" + patientB + "/$break-the-glass").then().statusCode(400);
		forbidden(as(familyAToken).body(reason("家族として")).post("/Patient/" + patientB + "/$break-the-glass"));
		notFound(as(onCallToken).get("/Patient/" + patientB));
		Response opened = as(onCallToken).body(reason("夜間の急変で往診、既往歴と服薬を確認するため")).post("/Patient/" + patientB + "/$break-the-glass");
		opened.then().statusCode(200);
		assertThat(opened.jsonPath().getString("parameter.find { it.name == 'coordinatorsNotified' }.valueInteger"), equalTo("1"));

		as(onCallToken).get("/Patient/" + patientB).then().statusCode(200);
		assertThat(ids(as(onCallToken).get("/Observation?patient=Patient/" + patientB)), hasItem(observationB));
		assertThat(ids(as(onCallToken).get("/Observation")), not(hasItem(observationA)));
		forbidden(as(onCallToken).body(observation(patientB, "緊急時の書き込み", unique())).post("/Observation"));
		forbidden(as(onCallToken).delete("/Observation/" + observationB));

		// Meanwhile a request about no opened patient (the directory) is ordinary treatment.
		as(onCallToken).get("/Practitioner?_id=" + onCall).then().statusCode(200);

		String events = fhir().get("/AuditEvent?agent=Practitioner/" + onCall + "&purpose=ETREAT&_count=50").then().statusCode(200).extract().asString();
		assertThat(events, containsString("夜間の急変で往診"));
		assertThat(events, containsString("Patient/" + patientB));
		assertThat(events, not(containsString("Practitioner?_id=" + onCall)));
		String ordinary = fhir().get("/AuditEvent?agent=Practitioner/" + onCall + "&purpose=TREAT&_count=50").then().statusCode(200).extract().asString();
		assertThat(ordinary, containsString("Practitioner?_id=" + onCall));
		assertThat(ordinary, not(containsString("既往歴と服薬を確認するため")));
		String notices = fhir().get("/Communication?recipient=Practitioner/" + doctorB + "&category=emergency-access").then().statusCode(200).extract().asString();
		assertThat(notices, containsString("緊急時アクセス"));
		assertThat(notices, containsString("Practitioner/" + onCall));

		// The access ends by itself (zaitaku.access.emergency-access-time, 2 h by default).
		try {
			clock().advance(java.time.Duration.ofMinutes(119));
			as(onCallToken).get("/Patient/" + patientB).then().statusCode(200);
			clock().advance(java.time.Duration.ofMinutes(2));
			notFound(as(onCallToken).get("/Patient/" + patientB));
		} finally {
			clock().reset();
		}
	}

	private static String reason(String text) {
		return """
				{"resourceType":"Parameters","parameter":[{"name":"reason","valueString":"%s"}]}""".formatted(text);
	}
}
