package jp.zaitaku.fhir.profiles;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.path.json.JsonPath;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Writes of the team's core resources are held to the guide's profiles, also when the client does
 * not claim a profile: a resource that breaks a rule is refused with 422, an OperationOutcome names
 * the element and the rule in Japanese or English, and nothing of the write is stored.
 */
class WriteValidationIT extends FhirServerTestBase {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JAPANESE_TEXT = "(?s).*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*";
	private static boolean teamStored;

	@BeforeEach
	void storeTheExampleTeam() {
		if (!teamStored) {
			fhir().body(GuideExamples.teamTransaction()).post("/").then().statusCode(200);
			teamStored = true;
		}
	}

	/** An example of the guide as a plain client would send it: no id, no profile claimed. */
	private static <T extends Resource> T unclaimed(String file, Class<T> type) {
		T resource = FHIR.newJsonParser().parseResource(type, GuideExamples.read(file));
		resource.setId((String) null);
		resource.setMeta(null);
		return resource;
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	private static CareTeam teamWithIdentifier(String file, String identifier) {
		CareTeam team = unclaimed(file, CareTeam.class);
		team.addIdentifier().setSystem("urn:zaitaku:test").setValue(identifier);
		return team;
	}

	private static int careTeamsWithIdentifier(String identifier) {
		return fhir().queryParam("identifier", "urn:zaitaku:test|" + identifier).queryParam("_summary", "count")
				.get("/CareTeam").then().statusCode(200).extract().path("total");
	}

	private static List<String> errorDiagnostics(JsonPath outcome) {
		return outcome.getList("issue.findAll { it.severity == 'error' }.diagnostics");
	}

	/** Every counter-example of the guide, written as it is (it claims its profile), is refused with a path. */
	@TestFactory
	Stream<DynamicTest> everyCounterExampleIsRefusedWithThePathOfItsError() {
		return GuideExamples.all(false).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
			Resource counterExample = (Resource) FHIR.newJsonParser().parseResource(GuideExamples.read(file));
			counterExample.setId((String) null);
			// A read receipt is stored by $mark-read only; $validate tells what a write of it would break.
			boolean receipt = GuideExamples.read(file).contains("zaitaku-message-receipt");
			JsonPath outcome = fhir().header("Accept-Language", "en").body(json(counterExample))
					.post("/" + GuideExamples.type(file) + (receipt ? "/$validate" : "")).then().statusCode(receipt ? 200 : 422).extract().jsonPath();
			List<String> paths = outcome.getList("issue.findAll { it.severity == 'error' && it.expression }.expression.flatten()");
			assertThat(file.toString(), paths, not(empty()));
			assertThat(paths, everyItem(startsWith(GuideExamples.type(file))));
		}));
	}

	@Test
	void aValidTeamIsStoredWithoutClaimingTheProfile() {
		String identifier = unique();
		created(fhir().body(json(teamWithIdentifier("CareTeam-nerima-hanako-team.json", identifier))).post("/CareTeam"));
		assertThat(careTeamsWithIdentifier(identifier), is(1));
	}

	@Test
	void aTeamWithoutCoordinatorIsRefusedWithTheRuleInEnglish() {
		String identifier = unique();
		JsonPath outcome = fhir().header("Accept-Language", "en-US,en;q=0.8")
				.body(json(teamWithIdentifier("CareTeam-invalid-careteam-no-coordinator.json", identifier)))
				.post("/CareTeam").then().statusCode(422).body("resourceType", equalTo("OperationOutcome"))
				.extract().jsonPath();

		assertThat(outcome.getString("issue[0].diagnostics"),
				startsWith("CareTeam does not conform to the profile https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-careteam"));
		assertThat(outcome.getList("issue.findAll { it.diagnostics.contains('zt-ct-1') }.code"), hasItem("invariant"));
		assertThat(outcome.getList("issue.findAll { it.diagnostics.contains('zt-ct-1') }.expression.flatten()"), hasItem("CareTeam"));
		assertThat(careTeamsWithIdentifier(identifier), is(0));
	}

	@Test
	void aMissingRequiredElementIsNamedByItsPathInJapanese() {
		Communication message = unclaimed("Communication-nerima-msg-report.json", Communication.class);
		message.setSender(null);
		JsonPath outcome = fhir().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5").body(json(message))
				.post("/Communication").then().statusCode(422).extract().jsonPath();

		assertThat(outcome.getString("issue[0].diagnostics"), startsWith("Communication はプロファイル"));
		List<String> senderErrors = outcome.getList("issue.findAll { it.expression == ['Communication.sender'] }.diagnostics");
		assertThat(senderErrors.toString(), senderErrors.size(), is(1));
		assertThat(senderErrors.get(0), matchesPattern(JAPANESE_TEXT));
		assertThat(senderErrors.get(0), containsString("zaitaku-communication"));
	}

	/** Every type the guide profiles is held to its profile, not only the team's core resources. */
	@Test
	void everyProfiledTypeIsHeldToItsProfileWithoutAClaim() {
		JsonPath patient = fhir().body("""
				{"resourceType":"Patient","name":[{"family":"識別子","given":["なし"]}]}""")
				.post("/Patient").then().statusCode(422).extract().jsonPath();
		assertThat(patient.getString("issue[0].diagnostics"), containsString("zaitaku-patient"));
		assertThat(patient.getList("issue.expression.flatten()"), hasItem("Patient.identifier"));

		JsonPath role = fhir().header("Accept-Language", "en").body("""
				{"resourceType":"PractitionerRole","active":true}""")
				.post("/PractitionerRole").then().statusCode(422).extract().jsonPath();
		assertThat(role.getList("issue.expression.flatten()"), hasItem("PractitionerRole.practitioner"));
		assertThat(role.getList("issue.expression.flatten()"), hasItem("PractitionerRole.code"));

		fhir().body("""
				{"resourceType":"Organization","active":true}""").post("/Organization").then().statusCode(422);
		// A type the guide does not profile is stored as R4 allows it.
		fhir().body("""
				{"resourceType":"Location","name":"練馬区役所"}""").post("/Location").then().statusCode(201);
	}

	@Test
	void anUnknownProfessionIsRefusedAtTheRoleItIsIn() {
		JsonPath outcome = fhir().header("Accept-Language", "en")
				.body(json(unclaimed("CareTeam-invalid-careteam-unknown-profession.json", CareTeam.class)))
				.post("/CareTeam").then().statusCode(422).extract().jsonPath();
		assertThat(outcome.getList("issue.expression.flatten()"), hasItem(startsWith("CareTeam.participant[1].role[1]")));
	}

	@Test
	void aMessageWithoutThreadIsRefused() {
		JsonPath outcome = fhir().body(json(unclaimed("Communication-invalid-communication-no-thread.json", Communication.class)))
				.post("/Communication").then().statusCode(422).extract().jsonPath();
		assertThat(errorDiagnostics(outcome), hasItem(containsString("zt-com-1")));
	}

	@Test
	void aReadReceiptIsHeldToTheProfileItClaims() {
		// A receipt has no category or payload: it would break zaitaku-communication, not zaitaku-message-receipt.
		Communication receipt = FHIR.newJsonParser().parseResource(Communication.class,
				GuideExamples.read("Communication-nerima-msg-report-receipt.json"));
		receipt.setId((String) null);
		// Receipts are stored by $mark-read only; $validate shows which profile a write of one meets.
		fhir().body(json(receipt)).post("/Communication/$validate").then().statusCode(200);
		receipt.getCategory().clear();
		JsonPath outcome = fhir().body(json(receipt)).post("/Communication/$validate").then().extract().jsonPath();
		assertThat(errorDiagnostics(outcome), hasItem(containsString("category")));
	}

	@Test
	void anUpdateThatRemovesTheCoordinatorIsRefusedAndTheTeamKept() {
		String id = created(fhir().body(json(teamWithIdentifier("CareTeam-nerima-hanako-team.json", unique()))).post("/CareTeam"));
		CareTeam withoutCoordinator = unclaimed("CareTeam-nerima-hanako-team.json", CareTeam.class);
		withoutCoordinator.getParticipant().remove(0);
		withoutCoordinator.setId(id);

		fhir().body(json(withoutCoordinator)).put("/CareTeam/" + id).then().statusCode(422)
				.body("issue.diagnostics", hasItem(containsString("zt-ct-1")));
		fhir().get("/CareTeam/" + id).then().statusCode(200)
				.body("meta.versionId", equalTo("1"))
				.body("participant[0].role[0].coding[0].code", equalTo("coordinator"));
	}

	@Test
	void aPatchThatRemovesTheCoordinatorIsRefused() {
		String id = created(fhir().body(json(teamWithIdentifier("CareTeam-nerima-hanako-team.json", unique()))).post("/CareTeam"));
		fhir().contentType("application/json-patch+json").body("[{\"op\":\"remove\",\"path\":\"/participant/0\"}]")
				.patch("/CareTeam/" + id).then().statusCode(422)
				.body("issue.diagnostics", hasItem(containsString("zt-ct-1")));
		fhir().get("/CareTeam/" + id).then().statusCode(200).body("meta.versionId", equalTo("1"));
	}

	@Test
	void aTransactionWithOneInvalidTeamStoresNothing() {
		String patientIdentifier = unique();
		String teamIdentifier = unique();
		CareTeam team = teamWithIdentifier("CareTeam-invalid-careteam-no-coordinator.json", teamIdentifier);
		team.getSubject().setReference("urn:uuid:9b0e3c56-1f0a-4c55-8d7e-2f6a3b1c0d11");
		String bundle = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:9b0e3c56-1f0a-4c55-8d7e-2f6a3b1c0d11","resource":%s,"request":{"method":"POST","url":"Patient"}},
				 {"resource":%s,"request":{"method":"POST","url":"CareTeam"}}]}
				""".formatted(patientJson("練馬", "次郎", "ネリマ", "ジロウ", patientIdentifier), json(team));

		fhir().body(bundle).post("/").then().statusCode(422)
				.body("issue.diagnostics", hasItem(containsString("zt-ct-1")));
		fhir().queryParam("identifier", "urn:zaitaku:test|" + patientIdentifier).queryParam("_summary", "count")
				.get("/Patient").then().statusCode(200).body("total", is(0));
		assertThat(careTeamsWithIdentifier(teamIdentifier), is(0));
	}

	@Test
	void aMalformedAcceptLanguageFallsBackToJapanese() {
		fhir().header("Accept-Language", ";;;q=abc")
				.body(json(unclaimed("CareTeam-invalid-careteam-no-coordinator.json", CareTeam.class)))
				.post("/CareTeam").then().statusCode(422)
				.body("issue[0].diagnostics", startsWith("CareTeam はプロファイル"));
	}
}
