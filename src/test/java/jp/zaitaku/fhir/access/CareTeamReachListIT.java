package jp.zaitaku.fhir.access;

import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.forbidden;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.ids;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A caller who reaches many patients (a regional liaison nurse on 100 teams) is narrowed by one
 * server-kept List of them instead of 100 patient ids ({@link ReachLists}): the same answers as the
 * per-patient narrowing — only their patients found and counted, paging, reverse chains, a removal
 * from a team taking effect on the next request — and the List itself stays out of their sight.
 */
class CareTeamReachListIT extends CareTeamAccessTestBase {

	private static final int TEAMS = 100; // zaitaku.access.reach-list-threshold's default
	private static final Pattern CREATED = Pattern.compile("(Patient|CareTeam|Observation)/(\\d+)/_history");

	@Test
	void aCallerOnManyTeamsIsNarrowedByOneListWithTheSameAnswers() {
		String liaison = create("Practitioner", """
				{"resourceType":"Practitioner","name":[{"text":"地域連携 看護師","family":"地域連携","given":["看護師"]}]}""");
		StringBuilder entries = new StringBuilder();
		for (int i = 0; i < TEAMS; i++) {
			String patient = "urn:uuid:" + java.util.UUID.randomUUID();
			entries.append(i == 0 ? "" : ",").append("""
					{"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"urn:zaitaku:test","value":"%1$s"}],"name":[{"family":"広域%2$d","given":["花"]}]},"request":{"method":"POST","url":"Patient"}},
					{"resource":%3$s,"request":{"method":"POST","url":"CareTeam"}},
					{"resource":%4$s,"request":{"method":"POST","url":"Observation"}}"""
					.formatted(patient, i, careTeam("PLACEHOLDER", "Practitioner/" + liaison, List.of()).replace("Patient/PLACEHOLDER", patient),
							observation("PLACEHOLDER", "広域連携の観察 " + i, unique()).replace("Patient/PLACEHOLDER", patient)));
		}
		String answer = fhir().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}").post("/")
				.then().statusCode(200).extract().asString();
		// Each entry's location, also quoted in its outcome: kept once, in order.
		java.util.Set<String> patientIds = new java.util.LinkedHashSet<>();
		java.util.Set<String> teamIds = new java.util.LinkedHashSet<>();
		Matcher created = CREATED.matcher(answer);
		while (created.find()) {
			if (created.group(1).equals("Patient")) {
				patientIds.add(created.group(2));
			} else if (created.group(1).equals("CareTeam")) {
				teamIds.add(created.group(2));
			}
		}
		List<String> patients = new ArrayList<>(patientIds);
		List<String> teams = new ArrayList<>(teamIds);
		assertThat(patients.size(), equalTo(TEAMS));
		String token = signIn(appId, "Practitioner/" + liaison, null);

		// Found and counted: their patients only.
		assertThat(as(token).get("/Patient?_summary=count").jsonPath().getInt("total"), equalTo(TEAMS));
		assertThat(as(token).get("/Observation?_total=accurate&_count=5").jsonPath().getInt("total"), equalTo(TEAMS));
		assertThat(ids(as(token).get("/Patient?family=谷原")), empty());
		assertThat(ids(as(token).get("/Observation?_count=200")), not(hasItem(observationB)));
		assertThat(ids(as(token).get("/Patient?_has:Observation:subject:identifier=" + observationBIdentifier)), empty());
		forbidden(as(token).get("/Observation?patient=Patient/" + patientB));
		// Full-text searches are narrowed by the List too (turned into a Lucene filter of its patients).
		assertThat(as(token).get("/Observation?_content=訪問時の観察&_summary=count").jsonPath().getInt("total"), equalTo(TEAMS));
		assertThat(as(token).get("/Observation?_content=広域連携&_total=accurate&_count=5").jsonPath().getInt("total"), equalTo(TEAMS));
		assertThat(ids(as(token).get("/Observation?_content=訪問時の観察&_count=200")), not(hasItem(observationB)));
		assertThat(ids(as(token).get("/Observation?_content=嚥下障害")), empty());
		assertThat(ids(as(token).get("/Patient?_content=広域&_count=200")).size(), equalTo(TEAMS));
		// _include and _revinclude cannot pull in another patient's record through one of theirs.
		String ownObservation = create("Observation", observation(patients.get(1), "広域連携の申し送り", unique())
				.replaceFirst("\\{", "{\"focus\":[{\"reference\":\"Observation/" + observationB + "\"}],"));
		String pointingIn = create("Observation", observation(patientB, "谷原さんの経過", unique())
				.replaceFirst("\\{", "{\"focus\":[{\"reference\":\"Observation/" + ownObservation + "\"}],"));
		assertThat(ids(as(token).get("/Observation?_id=" + ownObservation + "&_include=Observation:focus")),
				equalTo(List.of(ownObservation)));
		assertThat(ids(as(token).get("/Observation?_id=" + ownObservation + "&_revinclude=Observation:focus")),
				equalTo(List.of(ownObservation)));
		assertThat(ids(fhir().get("/Observation?_id=" + ownObservation + "&_include=Observation:focus&_revinclude=Observation:focus")),
				containsInAnyOrder(ownObservation, observationB, pointingIn));
		// The audit trail narrows itself (its own table), List or not.
		as(token).get("/AuditEvent?patient=Patient/" + patients.get(0)).then().statusCode(200);

		// Paging: the second page is theirs too.
		Response first = as(token).get("/Patient?_count=60");
		String next = first.jsonPath().getString("link.find { it.relation == 'next' }.url");
		List<String> secondPage = ids(as(token).get(next.substring(next.indexOf("/fhir") + "/fhir".length())));
		assertThat(secondPage.size(), equalTo(TEAMS - 60));
		assertThat(secondPage, everyItem(in(patients)));

		// The narrowing really went through a List of exactly these patients, which the caller cannot see.
		Response lists = fhir().get("/List?_tag=" + ReachLists.TAG_SYSTEM + "|" + ReachLists.TAG_CODE + "&item=Patient/" + patients.get(0));
		assertThat(lists.jsonPath().getInt("total"), equalTo(1));
		assertThat(lists.jsonPath().getInt("entry[0].resource.entry.size()"), equalTo(TEAMS));
		String listId = lists.jsonPath().getString("entry[0].resource.id");
		assertThat(ids(as(token).get("/List")), not(hasItem(listId)));
		as(token).get("/List/" + listId).then().statusCode(404);
		// Nobody but the server writes such a List, not even a caller who reaches every patient.
		String widened = fhir().get("/List/" + listId).asString().replace("\"entry\":[", "\"entry\":[{\"item\":{\"reference\":\"Patient/" + patientB + "\"}},");
		fhir().body(widened).put("/List/" + listId).then().statusCode(403);
		fhir().delete("/List/" + listId).then().statusCode(403);
		fhir().body(widened.replace(listId, "zaitaku-reach-0000")).put("/List/zaitaku-reach-0000").then().statusCode(403);

		// Removed from one team: the next request counts one patient fewer (a new List).
		String team = teams.get(0);
		String stored = fhir().get("/CareTeam/" + team).asString();
		fhir().body(stored.replace("\"status\":\"active\"", "\"status\":\"inactive\"")).put("/CareTeam/" + team).then().statusCode(200);
		assertThat(as(token).get("/Patient?_summary=count").jsonPath().getInt("total"), equalTo(TEAMS - 1));
		forbidden(as(token).get("/Patient?_id=" + patients.get(0)));
		forbidden(as(token).get("/Patient?_id=" + patientB));
		assertThat(ids(as(token).get("/Patient?_id=" + patients.get(0) + "," + patients.get(1))), equalTo(List.of(patients.get(1))));
	}
}
