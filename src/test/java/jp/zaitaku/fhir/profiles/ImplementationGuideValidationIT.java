package jp.zaitaku.fhir.profiles;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The implementation guide is loaded at start-up: its profiles are listed in the CapabilityStatement,
 * every example in ig/ validates against them with {@code $validate}, every counter-example fails
 * with the rule it breaks, and the whole example team is accepted as one transaction.
 */
class ImplementationGuideValidationIT extends FhirServerTestBase {

	private static JsonPath validate(Path example) {
		return fhir().body(GuideExamples.read(example)).post("/" + GuideExamples.type(example) + "/$validate").then().extract().jsonPath();
	}

	private static List<String> errors(JsonPath outcome) {
		List<String> errors = new ArrayList<>();
		List<String> severities = outcome.getList("issue.severity");
		for (int i = 0; i < severities.size(); i++) {
			if (severities.get(i).equals("error") || severities.get(i).equals("fatal")) {
				errors.add(outcome.getString("issue[" + i + "].expression") + " " + outcome.getString("issue[" + i + "].diagnostics"));
			}
		}
		return errors;
	}

	@Test
	void capabilityStatementListsTheHomeCareProfiles() {
		fhir().get("/metadata").then().statusCode(200)
				.body("rest[0].resource.supportedProfile.flatten()", hasItems(
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-careteam",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-careplan",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-encounter",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-communication",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-message-receipt",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-patient",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-practitioner",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-practitionerrole",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-relatedperson",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-organization",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-healthcareservice",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-consent",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-servicerequest",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-task",
						"https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-coverage"));
	}

	@TestFactory
	Stream<DynamicTest> everyExampleOfTheGuideIsValid() {
		return GuideExamples.all(true).stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(),
				() -> assertThat(example.toString(), errors(validate(example)), empty())));
	}

	/** Each counter-example fails with the invariant it breaks, whose text names the rule in Japanese. */
	@ParameterizedTest(name = "{0} breaks {1}")
	@CsvSource({
			"CareTeam-invalid-careteam-no-coordinator.json, zt-ct-1, 調整役",
			"Communication-invalid-communication-no-thread.json, zt-com-1, スレッド",
			"Organization-invalid-organization-short-ltc-number.json, zt-org-1, 介護保険事業所番号",
			"Organization-invalid-organization-seven-digit-institution-code.json, zt-org-2, 医療機関コード",
			"Coverage-invalid-coverage-ltci-no-care-level.json, zt-cov-1, 要介護状態区分",
			"Consent-invalid-consent-sharing-no-recipient.json, zt-cons-1, 共有先",
			"Task-invalid-task-rejected-no-reason.json, zt-task-1, 理由",
			"Communication-invalid-communication-urgent-category.json, Communication.category, message-category",
			"Communication-invalid-receipt-unread.json, receipt-status, unread"})
	void aCounterExampleFailsWithTheRuleItBreaks(String file, String rule, String japaneseText) {
		List<String> errors = errors(validate(GuideExamples.RESOURCES.resolve(file)));
		assertThat(errors, hasItem(org.hamcrest.Matchers.containsString(rule)));
		assertThat(errors, hasItem(org.hamcrest.Matchers.containsString(japaneseText)));
	}

	@Test
	void careTeamMemberWithAnUnknownProfessionFailsAtItsRole() {
		List<String> errors = errors(validate(GuideExamples.RESOURCES.resolve("CareTeam-invalid-careteam-unknown-profession.json")));
		assertThat(errors, hasItem(startsWith("[CareTeam.participant[1].role[1]]")));
	}

	@Test
	void theWholeExampleTeamIsAcceptedAsOneTransaction() {
		int teamSize = GuideExamples.writable().size();
		fhir().body(GuideExamples.teamTransaction()).post("/")
				.then().statusCode(200)
				.body("entry", hasSize(teamSize))
				.body("entry.response.status", everyItem(org.hamcrest.Matchers.matchesPattern("20[01].*")));

		// The guide's SearchParameters are active: the team's messages are found by their thread.
		String thread = JsonPath.from(GuideExamples.read("Communication-nerima-msg-report.json"))
				.getString("extension.find { it.url.endsWith('communication-thread') }.valueIdentifier.value");
		fhir().queryParam("thread", thread).get("/Communication").then().statusCode(200)
				.body("entry.resource.id", hasItems("nerima-msg-report", "nerima-msg-reply"));
		// ... LTCI coverages by care level (要介護2), services by beds available.
		fhir().queryParam("care-level", "https://zaitaku-fhir.github.io/ig/CodeSystem/ltci-care-level|22").get("/Coverage")
				.then().statusCode(200).body("entry.resource.id", hasItems("nerima-hanako-ltci"));
		fhir().queryParam("bed-available", "ge1").get("/HealthcareService")
				.then().statusCode(200).body("entry.resource.id", hasItems("nerima-chuo-backup-beds"));
	}
}
