package jp.zaitaku.fhir.access;

import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.forbidden;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.ids;
import static jp.zaitaku.fhir.access.CareTeamAccessAttackIT.notFound;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each care team says what its family members see (extension careteam-family-visibility): resource
 * types and team-message categories. A team that says nothing gets the server's defaults; a family
 * member on two teams of their patient sees what either allows; a change applies on the next request.
 */
class FamilyVisibilityIT extends CareTeamAccessTestBase {

	private static final String VISIBILITY = "https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-family-visibility";

	@Test
	void eachTeamSaysWhatItsFamilyMembersSee() {
		String patient = createPatient("石神井", "春子", "シャクジイ", "ハルコ");
		String son = familyMemberOf(patient, "石神井", "夏男");
		String sonToken = signIn(appId, "RelatedPerson/" + son, null);
		String bloodPressure = create("Observation", observation(patient, "血圧 128/76 安定", unique()));
		String report = create("Communication", message(patient, "report", "春子さん、デイサービスで入浴されました"));
		String contact = create("Communication", message(patient, "contact", "来週の訪問日程を調整します"));
		String goal = create("Goal", """
				{"resourceType":"Goal","lifecycleStatus":"active","description":{"text":"自宅での入浴を続ける"},
				 "subject":{"reference":"Patient/%s"}}""".formatted(patient));

		// This team shows family the vital records and the reports, nothing else of its messages.
		String team = create("CareTeam", teamOf(patient, son, visibility(List.of("Patient", "Observation", "Communication"), List.of("report"))));
		as(sonToken).get("/Observation/" + bloodPressure).then().statusCode(200);
		assertThat(ids(as(sonToken).get("/Observation")), hasItem(bloodPressure));
		as(sonToken).get("/Communication/" + report).then().statusCode(200);
		notFound(as(sonToken).get("/Communication/" + contact));
		List<String> messages = ids(as(sonToken).get("/Communication"));
		assertThat(messages, hasItem(report));
		assertThat(messages, not(hasItem(contact)));
		forbidden(as(sonToken).get("/Goal"));
		notFound(as(sonToken).get("/Goal/" + goal));
		forbidden(as(sonToken).body(fromFamily(patient, son, "母は昨夜よく眠れました")).post("/Communication"));

		// A second team of hers also shows family her goals: the son sees what either team allows.
		String secondTeam = create("CareTeam", teamOf(patient, son, visibility(List.of("Goal"), List.of("report"))));
		as(sonToken).get("/Goal/" + goal).then().statusCode(200);
		as(sonToken).get("/Observation/" + bloodPressure).then().statusCode(200);

		// The second team ends and the first one drops its setting: the server's defaults, at once.
		fhir().delete("/CareTeam/" + secondTeam).then().statusCode(200);
		fhir().body(teamOf(patient, son, "").replace("{\"resourceType\":\"CareTeam\",", "{\"resourceType\":\"CareTeam\",\"id\":\"" + team + "\","))
				.put("/CareTeam/" + team).then().statusCode(200);
		notFound(as(sonToken).get("/Observation/" + bloodPressure));
		as(sonToken).get("/Communication/" + contact).then().statusCode(200);
		as(sonToken).get("/Goal/" + goal).then().statusCode(200);
		created(as(sonToken).body(fromFamily(patient, son, "母は昨夜よく眠れました")).post("/Communication"));
	}

	@Test
	void aTeamNamingAnUnknownTypeOrCategoryIsRefused() {
		String patient = createPatient("関", "秋子", "セキ", "アキコ");
		String daughter = familyMemberOf(patient, "関", "冬美");
		fhir().body(teamOf(patient, daughter, visibility(List.of("カルテ"), List.of("report")))).post("/CareTeam")
				.then().statusCode(422);
		fhir().body(teamOf(patient, daughter, visibility(List.of("Observation"), List.of("雑談")))).post("/CareTeam")
				.then().statusCode(422);
	}

	private static String familyMemberOf(String patient, String family, String given) {
		return create("RelatedPerson", """
				{"resourceType":"RelatedPerson","active":true,"patient":{"reference":"Patient/%s"},
				 "relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"DAU"}]}],
				 "name":[{"text":"%s %s","family":"%s","given":["%s"]}]}""".formatted(patient, family, given, family, given));
	}

	/** The team of {@code patient} with the family member {@code relatedPerson}; {@code extension}: JSON of extension entries, or empty. */
	private static String teamOf(String patient, String relatedPerson, String extension) {
		String team = careTeam(patient, "Practitioner/" + caremanager, List.of(member("family-caregiver", "RelatedPerson/" + relatedPerson)));
		return extension.isEmpty() ? team
				: team.replace("{\"resourceType\":\"CareTeam\",", "{\"resourceType\":\"CareTeam\",\"extension\":[" + extension + "],");
	}

	private static String visibility(List<String> types, List<String> categories) {
		String parts = Stream.concat(
				types.stream().map(type -> "{\"url\":\"resourceType\",\"valueCode\":\"" + type + "\"}"),
				categories.stream().map(category -> "{\"url\":\"messageCategory\",\"valueCode\":\"" + category + "\"}"))
				.collect(Collectors.joining(","));
		return "{\"url\":\"" + VISIBILITY + "\",\"extension\":[" + parts + "]}";
	}

	private static String fromFamily(String patient, String relatedPerson, String text) {
		return message(patient, "family-message", text).replace(
				"\"sender\":{\"reference\":\"Patient/" + patient + "\"}", "\"sender\":{\"reference\":\"RelatedPerson/" + relatedPerson + "\"}");
	}
}
