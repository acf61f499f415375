package jp.zaitaku.fhir.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.ServerProcess;
import jp.zaitaku.fhir.TestTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import java.time.Duration;
import static org.awaitility.Awaitility.await;

/**
 * Data survives restarts of the server on the same data directory: a polite stop, and a kill -9
 * in the middle of writes (every write that was acknowledged must be there afterwards).
 */
class RestartPersistenceIT {

	private static final String FHIR_JSON = "application/fhir+json";

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final Pattern ID_IN_LOCATION = Pattern.compile("/Communication/([^/]+)/_history/");

	/**
	 * Returns the new id when the server acknowledged the write (201), otherwise null; the status of
	 * an unacknowledged write goes to {@code refusals} so a failing run says what the server answered.
	 */
	private static String createCommunication(String baseUrl, String patientId, String text, List<String> refusals)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/Communication"))
				.header("Content-Type", FHIR_JSON + "; charset=UTF-8")
				.header("Prefer", "return=minimal")
				.POST(HttpRequest.BodyPublishers.ofString(FhirServerTestBase.communicationJson(patientId, text)))
				.build();
		HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 201) {
			refusals.add("HTTP " + response.statusCode());
			return null;
		}
		Matcher id = ID_IN_LOCATION.matcher(response.headers().firstValue("Location").orElse(""));
		return id.find() ? id.group(1) : null;
	}

	/** Requests to a separate server; RestAssured's static settings belong to the shared test server. */
	private static RequestSpecification on(ServerProcess server) {
		return given().baseUri(server.baseUrl()).port(server.port()).basePath("");
	}

	/** Every id a full-text search finds for the patient, following the result pages. */
	private static Set<String> fullTextHits(ServerProcess server, String patientId, String text) {
		Set<String> ids = new HashSet<>();
		io.restassured.path.json.JsonPath page = on(server).accept(FHIR_JSON)
				.queryParam("_content", text).queryParam("subject", "Patient/" + patientId).queryParam("_count", "200")
				.get("/Communication").then().statusCode(200).extract().jsonPath();
		while (true) {
			ids.addAll(page.getList("entry.resource.id", String.class));
			String next = page.getString("link.find { it.relation == 'next' }.url");
			if (next == null) {
				return ids;
			}
			page = on(server).accept(FHIR_JSON).get(URI.create(next)).then().statusCode(200).extract().jsonPath();
		}
	}

	@Test
	void everyAcknowledgedWriteSurvivesAKillDuringWritesAndAPoliteRestart() throws Exception {
		Path dataDir = Files.createDirectories(Path.of("target", "test-data", "restart-" + UUID.randomUUID())).toAbsolutePath();
		Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
		List<String> acknowledged = new CopyOnWriteArrayList<>();
		List<String> refusals = new CopyOnWriteArrayList<>();
		String earlyMessage;
		String patientId;

		try (ServerProcess first = ServerProcess.start(dataDir, log)) {
			// Open development mode: no token needed, and every answer says security is off.
			patientId = on(first).contentType(FHIR_JSON).body("""
					{"resourceType":"Patient","identifier":[{"system":"urn:zaitaku:test","value":"restart-1"}],
					 "name":[{"text":"練馬 花子","family":"練馬","given":["花子"]}]}""")
					.post("/Patient").then().statusCode(201).header("X-Zaitaku-Security", "disabled").extract().path("id");
			earlyMessage = createCommunication(first.baseUrl(), patientId, "退院前カンファレンスの日程を調整します", refusals);
			assertNotNull(earlyMessage, () -> "the first message was refused: " + refusals);
			Thread.sleep(2_000); // let the full-text index commit (it commits about once a second)

			AtomicBoolean writing = new AtomicBoolean(true);
			ExecutorService writers = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				writers.submit(() -> {
					int n = 0;
					while (writing.get() && n++ < 2_000) {
						try {
							String id = createCommunication(first.baseUrl(), patientId, "夜間の巡回訪問で異常なし", refusals);
							if (id != null) {
								acknowledged.add(id);
							}
						} catch (IOException connectionLost) {
							if (writing.get()) { // before the kill, a lost connection is a failure too
								refusals.add(connectionLost.toString());
							}
							return;
						} catch (InterruptedException stop) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				});
			}
			// Kill in the middle of the writing, once it is under way: a fixed sleep once ended before
			// the first acknowledgement on a slow CI machine (the first start also re-indexes the guide's
			// search parameters in the background).
			await().atMost(TestTime.scaled(Duration.ofMinutes(3))).pollInterval(Duration.ofMillis(100))
					.until(() -> acknowledged.size() >= 50 || !refusals.isEmpty());
			assertTrue(refusals.isEmpty(), () -> "writes refused before the kill: " + refusals);
			List<String> errors = first.errorsLogged();
			assertTrue(errors.isEmpty(), () -> "a healthy start and ordinary writes logged errors: " + errors);
			first.kill();
			writing.set(false);
			writers.shutdown();
			assertTrue(writers.awaitTermination(TestTime.scaled(Duration.ofSeconds(60)).toSeconds(), TimeUnit.SECONDS));
		}
		assertFalse(acknowledged.isEmpty(), "some writes were acknowledged before the kill");

		try (ServerProcess second = ServerProcess.start(dataDir, log.resolveSibling(log.getFileName() + ".2"))) {
			for (String id : acknowledged) {
				on(second).accept(FHIR_JSON).get("/Communication/" + id).then().statusCode(200);
			}
			on(second).accept(FHIR_JSON)
					.queryParam("_content", "退院前カンファレンス").queryParam("_count", "200")
					.get("/Communication")
					.then().statusCode(200).body("entry.resource.id", hasItem(earlyMessage));
			// The index's last uncommitted moments were redone from the database before the server
			// said it was ready: every acknowledged message is found at once, without waiting.
			// (Writes cut off by the kill may be there too: committed, never acknowledged.)
			Set<String> found = fullTextHits(second, patientId, "巡回訪問");
			List<String> missing = acknowledged.stream().filter(id -> !found.contains(id)).toList();
			assertTrue(missing.isEmpty(), () -> missing.size() + " of " + acknowledged.size()
					+ " acknowledged messages not found by _content right after the restart: " + missing);
			assertTrue(second.stop() >= 0);
			List<String> errors = second.errorsLogged();
			assertTrue(errors.isEmpty(), () -> "the restart after a kill, or the polite stop, logged errors: " + errors);
		}
		assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "a polite stop also stops PostgreSQL");

		// An operator lost the index directory: the next start rebuilds it from the database before it is ready.
		FileSystemUtils.deleteRecursively(dataDir.resolve("lucene"));
		try (ServerProcess third = ServerProcess.start(dataDir, log.resolveSibling(log.getFileName() + ".3"))) {
			on(third).accept(FHIR_JSON).get("/Communication/" + earlyMessage)
					.then().statusCode(200).body("payload[0].contentString", equalTo("退院前カンファレンスの日程を調整します"));
			// Rebuilt before the server said it was ready.
			on(third).accept(FHIR_JSON)
					.queryParam("_content", "退院前カンファレンス").get("/Communication")
					.then().statusCode(200).body("entry.resource.id", hasItem(earlyMessage));

			// A polite stop in the middle of writes and full-text searches logs no error.
			AtomicBoolean busy = new AtomicBoolean(true);
			ExecutorService callers = Executors.newFixedThreadPool(3);
			List<String> answered = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 3; i++) {
				int caller = i;
				callers.submit(() -> {
					while (busy.get()) {
						try {
							if (caller == 0) {
								on(third).accept(FHIR_JSON).queryParam("_content", "巡回訪問").get("/Communication");
							} else if (createCommunication(third.baseUrl(), patientId, "訪問看護の記録", new CopyOnWriteArrayList<>()) != null) {
								answered.add("write");
							}
						} catch (Exception stoppedServer) {
							return;
						}
					}
				});
			}
			await().atMost(TestTime.scaled(Duration.ofMinutes(2))).until(() -> answered.size() >= 20);
			assertTrue(third.stop() >= 0);
			busy.set(false);
			callers.shutdown();
			assertTrue(callers.awaitTermination(TestTime.scaled(Duration.ofSeconds(60)).toSeconds(), TimeUnit.SECONDS));
			List<String> errors = third.errorsLogged();
			assertTrue(errors.isEmpty(), () -> "a polite stop under load logged errors: " + errors);
		}
	}
}
