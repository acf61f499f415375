package jp.zaitaku.fhir.profiles;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.jpa.config.JpaConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A valid write is never refused because of the server's own housekeeping: HAPI re-stores and
 * re-expands the guide's ValueSets in its terminology tables (on {@code $reindex}, on a schedule, after
 * the index directory was lost), and a message must be accepted whatever state those tables are in.
 */
class TerminologyHousekeepingIT extends FhirServerTestBase {

	private static final String MESSAGE_CATEGORIES = "https://zaitaku-fhir.github.io/ig/ValueSet/message-category";

	@Autowired
	private JdbcTemplate database;

	@Autowired
	@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN)
	private ValidationSupportChain validationChain;

	private static String instruction(String patientId) {
		return communicationJson(patientId, "夕食後の服薬を確認してください").replace("\"code\":\"report\",\"display\":\"報告\"", "\"code\":\"instruction\"");
	}

	@AfterEach
	void letHapiExpandTheValueSetAgain() {
		database.update("UPDATE trm_valueset SET expansion_status = 'NOT_EXPANDED' WHERE url = ?", MESSAGE_CATEGORIES);
		validationChain.invalidateCaches();
	}

	/**
	 * What HAPI's scheduled pre-expansion leaves behind when it ran while the terminology's full-text
	 * index lacked the concepts: the ValueSet marked expanded, with no codes. HAPI then checks codes
	 * against that expansion only.
	 */
	@Test
	void aMessageIsAcceptedWhileHapisStoredExpansionOfItsValueSetIsEmpty() {
		String patientId = createPatient("嚥下", "訓練", "エンゲ", "クンレン");
		Long valueSet = database.queryForObject("SELECT pid FROM trm_valueset WHERE url = ?", Long.class, MESSAGE_CATEGORIES);
		database.update("DELETE FROM trm_valueset_c_designation WHERE valueset_pid = ?", valueSet);
		database.update("DELETE FROM trm_valueset_concept WHERE valueset_pid = ?", valueSet);
		database.update("UPDATE trm_valueset SET expansion_status = 'EXPANDED', total_concepts = 0, total_concept_designations = 0,"
				+ " expanded_at = now() WHERE pid = ?", valueSet);
		validationChain.invalidateCaches();

		fhir().body(instruction(patientId)).post("/Communication").then().statusCode(201);
		fhir().body(instruction(patientId)).post("/Communication/$validate").then().statusCode(200)
				.body("issue.findAll { it.severity == 'error' }.size()", equalTo(0));
		fhir().body(instruction(patientId).replace("\"instruction\"", "\"gossip\"")).post("/Communication").then().statusCode(422);
	}

	@Test
	void messagesAreAcceptedWhileAReindexReStoresTheGuidesTerminology() throws Exception {
		String patientId = createPatient("再索引", "花子", "サイサクイン", "ハナコ");
		fhir().body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueString\":\"ValueSet?\"},"
				+ "{\"name\":\"url\",\"valueString\":\"CodeSystem?\"}]}").post("/$reindex").then().statusCode(org.hamcrest.Matchers.oneOf(200, 202));
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 40; i++) {
			statuses.add(fhir().body(instruction(patientId)).post("/Communication").statusCode());
			if (i % 10 == 9) {
				validationChain.invalidateCaches();
			}
		}
		assertTrue(statuses.stream().allMatch(status -> status == 201), () -> "statuses while re-indexing: " + statuses);
		assertEquals(40, statuses.size());
	}
}
