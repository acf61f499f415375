package jp.zaitaku.fhir.storage;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.TestTime;
import org.hamcrest.MatcherAssert;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.work.SearchWorkspace;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code $reindex} (and {@code $reindex-fulltext}) rebuild a lost or outdated full-text index from the database. */
class FullTextIndexRebuildIT extends FhirServerTestBase {

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	private List<String> search(String patientId, String text) {
		return fhir().queryParam("_content", text).queryParam("subject", "Patient/" + patientId)
				.get("/Communication").then().statusCode(200).extract().jsonPath().getList("entry.resource.id");
	}

	private void emptyTheFullTextIndex() {
		SearchWorkspace workspace = Search.mapping(entityManagerFactory).scope(ResourceTable.class).workspace();
		workspace.purge();
		workspace.flush();
		workspace.refresh();
	}

	private void awaitRebuildFinished() {
		await().atMost(TestTime.scaled(Duration.ofMinutes(3))).pollInterval(Duration.ofMillis(500)).until(() ->
				!fhir().get("/$reindex-fulltext").then().statusCode(200).extract().jsonPath()
						.getBoolean("parameter.find { it.name == 'running' }.valueBoolean"));
	}

	@Test
	void reindexRestoresMessagesTheIndexHadLost() {
		String patientId = createPatient("向山", "清", "コウヤマ", "キヨシ");
		String message = created(fhir().body(communicationJson(patientId, "胃ろうの管理方法を申し送ります")).post("/Communication"));
		MatcherAssert.assertThat(search(patientId, "胃ろう"), hasItem(message));

		emptyTheFullTextIndex();
		MatcherAssert.assertThat(search(patientId, "胃ろう"), not(hasItem(message)));

		fhir().body("{\"resourceType\":\"Parameters\"}").post("/$reindex").then().statusCode(org.hamcrest.Matchers.oneOf(200, 202));
		awaitRebuildFinished();

		MatcherAssert.assertThat(search(patientId, "胃ろう"), hasItem(message));
	}

	@Test
	void reindexFulltextReportsWhatItDid() {
		fhir().body("{\"resourceType\":\"Parameters\"}").post("/$reindex-fulltext").then().statusCode(200).body("resourceType", equalTo("Parameters"));
		awaitRebuildFinished();
		fhir().get("/$reindex-fulltext").then().statusCode(200)
				.body("parameter.find { it.name == 'indexed' }.valueInteger", org.hamcrest.Matchers.greaterThan(0))
				.body("parameter.find { it.name == 'error' }", org.hamcrest.Matchers.nullValue());
	}
}
