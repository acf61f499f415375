package jp.zaitaku.fhir.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import org.slf4j.LoggerFactory;
import java.time.temporal.ChronoUnit;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While the full-text index is known to miss writes (after a crash, until the catch-up is done), a
 * full-text search is refused with 503 rather than answered incompletely, and the server is not ready.
 */
class FullTextIndexBehindIT extends FhirServerTestBase {

	@Autowired
	private FullTextIndexLag lag;

	@Autowired
	private FullTextIndexRebuilder rebuilder;

	private Instant behindSince;

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@AfterEach
	void catchUp() throws Exception {
		root.detachAppender(logged);
		if (lag.isBehind()) {
			rebuilder.start(behindSince);
			rebuilder.awaitCompletion();
		}
	}

	@Test
	void fullTextSearchesAnswer503AndReadinessIsDownUntilTheIndexHasCaughtUp() throws Exception {
		String patientId = createPatient("栗原", "千尋", "クリハラ", "チヒロ");
		String message = created(fhir().body(communicationJson(patientId, "褥瘡の処置を訪問看護師が行いました")).post("/Communication"));
		behindSince = Instant.now().minus(1, ChronoUnit.MINUTES);
		lag.markBehindSince(behindSince);
		logged.start();
		root.addAppender(logged);

		for (String search : new String[] {"/Communication?_content=褥瘡", "/Communication?_text=褥瘡", "/Communication?_content:contains=褥瘡"}) {
			fhir().get(search).then().statusCode(503)
					.header("Retry-After", "30")
					.body("resourceType", equalTo("OperationOutcome"))
					.body("issue[0].diagnostics", containsString("catches up"));
		}
		fhir().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("_content", "褥瘡")
				.post("/Communication/_search").then().statusCode(503).header("Retry-After", "30");
		// Inside a batch, the entry says so; the other entries are answered.
		fhir().body("""
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"request":{"method":"GET","url":"Communication?_content=褥瘡"}},
				 {"request":{"method":"GET","url":"Communication/%s"}}]}""".formatted(message))
				.post("/").then().statusCode(200)
				.body("entry[0].response.status", containsString("503"))
				.body("entry[1].response.status", containsString("200"));
		// Everything else is served meanwhile.
		fhir().get("/Communication?subject=Patient/" + patientId).then().statusCode(200).body("entry.resource.id", hasItem(message));
		given().basePath("").get("/actuator/health/readiness").then().statusCode(503).body("status", equalTo("OUT_OF_SERVICE"));
		List<String> errors = logged.list.stream().filter(line -> line.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
		assertTrue(errors.isEmpty(), () -> "an announced pause is not an error: " + errors);

		rebuilder.start(behindSince);
		rebuilder.awaitCompletion();

		given().basePath("").get("/actuator/health/readiness").then().statusCode(200);
		fhir().get("/Communication?_content=褥瘡&subject=Patient/" + patientId).then().statusCode(200)
				.body("entry.resource.id", hasItem(message));
	}
}
