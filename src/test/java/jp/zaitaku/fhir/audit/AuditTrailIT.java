package jp.zaitaku.fhir.audit;

import jp.zaitaku.fhir.security.authorization.BackendClient;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import jp.zaitaku.fhir.FhirServerTestBase;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every FHIR request about a patient leaves exactly one AuditEvent (監査証跡) with who, which
 * client, which patient, what and the outcome; the trail is searchable and cannot be changed.
 */
class AuditTrailIT extends FhirServerTestBase {

	private static final String SUITE_CLIENT = "zaitaku-test-suite";

	@Autowired
	private ClientRegistrations registrations;
	@Autowired
	private JdbcTemplate jdbc;
	@Autowired
	private RestfulServer fhirServer;

	/** The events about a patient, newest first, as an auditor searches them. */
	private static List<Map<String, Object>> eventsAbout(String patientId) {
		return fhir().get("/AuditEvent?patient=" + patientId + "&_count=50").then().statusCode(200)
				.extract().jsonPath().getList("entry.resource");
	}

	private static JsonPath newestEventAbout(String patientId) {
		return new JsonPath(fhir().get("/AuditEvent?patient=" + patientId + "&_count=1").then().statusCode(200)
				.extract().jsonPath().prettify()).setRootPath("entry[0].resource");
	}

	private static String subtype(Map<String, Object> event) {
		return JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(event).toString()).getString("subtype[0].code");
	}

	private static List<String> subtypes(List<Map<String, Object>> events) {
		return events.stream().map(AuditTrailIT::subtype).toList();
	}

	private static String hanako() {
		return createPatient("練馬", "花子", "ネリマ", "ハナコ");
	}

	private RequestSpecification withToken(String token) {
		return anonymous().header("Authorization", "Bearer " + token);
	}

	private String tokenOf(String clientId, String scope) {
		BackendClient client = BackendClient.es384(clientId);
		registrations.save(client.registration(List.of(scope)));
		return client.token(serverUrl(), scope);
	}

	/** The standard R4 search parameters of AuditEvent that mean something for this trail. */
	@Test
	void theTrailIsSearchedByEntityTypeSubtypeActionAndAddress() {
		String patient = hanako();
		String observation = created(fhir().body("""
				{"resourceType":"Observation","status":"final","code":{"text":"血圧"},"subject":{"reference":"Patient/%s"},
				 "valueString":"128/76"}""".formatted(patient)).post("/Observation"));
		fhir().get("/Observation/" + observation).then().statusCode(200);

		JsonPath aboutIt = fhir().get("/AuditEvent?entity=Observation/" + observation).then().statusCode(200).extract().jsonPath();
		assertThat(aboutIt.getList("entry.resource.collect { it.subtype[0].code }"), equalTo(List.of("read", "create")));
		assertThat(fhir().get("/AuditEvent?entity=Observation/" + observation + "&subtype=create&action=C").then().statusCode(200)
				.extract().jsonPath().getList("entry"), hasSize(1));
		assertThat(fhir().get("/AuditEvent?entity=Observation/" + observation + "&action=R&type=rest&entity-type=2").then()
				.statusCode(200).extract().jsonPath().getList("entry"), hasSize(1));
		assertThat(fhir().get("/AuditEvent?entity=Observation/" + observation + "&type=login").then().statusCode(200)
				.extract().jsonPath().getList("entry"), nullValue());
		assertThat(fhir().get("/AuditEvent?entity=Observation/" + observation + "&address=127.0.0").then().statusCode(200)
				.extract().jsonPath().getList("entry"), hasSize(2));
		assertThat(fhir().get("/AuditEvent?entity=Observation/" + observation + "&address=192.0.2.").then().statusCode(200)
				.extract().jsonPath().getList("entry"), nullValue());
		fhir().get("/AuditEvent?entity=Observation").then().statusCode(400);
	}

	@Test
	void aReadLeavesOneEventNamingPatientClientAndInteraction() {
		String patient = hanako();
		fhir().get("/Patient/" + patient).then().statusCode(200);

		assertThat(subtypes(eventsAbout(patient)), equalTo(List.of("read", "create")));
		JsonPath read = newestEventAbout(patient);
		assertThat(read.getString("type.code"), equalTo("rest"));
		assertThat(read.getString("subtype[0].system"), equalTo("http://hl7.org/fhir/restful-interaction"));
		assertThat(read.getString("action"), equalTo("R"));
		assertThat(read.getString("outcome"), equalTo("0"));
		assertThat(read.getString("recorded"), notNullValue());
		assertThat(read.getString("source.observer.display"), equalTo("Zaitaku FHIR"));
		assertThat(read.getString("agent.find { it.requestor }.who.identifier.value"), equalTo(SUITE_CLIENT));
		assertThat(read.getString("agent.find { it.requestor }.network.address"), notNullValue());
		assertThat(read.getString("agent.find { it.requestor }.purposeOfUse[0].coding[0].code"), equalTo("TREAT"));
		assertThat(read.getList("entity.findAll { it.role.code == '1' }.what.reference"), equalTo(List.of("Patient/" + patient)));
		assertThat(read.getList("entity.findAll { it.role.code == '4' }.what.reference"),
				equalTo(List.of("Patient/" + patient + "/_history/1")));
	}

	@Test
	void aSearchLeavesOneEventWithItsQueryAndThePatientsFound() {
		String identifier = unique();
		String patient = created(fhir().body(patientJson("練馬", "花子", "ネリマ", "ハナコ", identifier)).post("/Patient"));
		fhir().get("/Patient?identifier=urn:zaitaku:test|" + identifier).then().statusCode(200).body("entry", hasSize(1));

		assertThat(subtypes(eventsAbout(patient)), equalTo(List.of("search-type", "create")));
		JsonPath search = newestEventAbout(patient);
		assertThat(search.getString("action"), equalTo("R"));
		String query = new String(Base64.getDecoder().decode(search.getString("entity.find { it.role.code == '24' }.query")),
				StandardCharsets.UTF_8);
		assertThat(query, containsString(identifier));
		assertThat(search.getString("entity.find { it.role.code == '24' }.description"), containsString("/fhir/Patient?identifier="));
	}

	@Test
	void createUpdateAndDeleteEachLeaveOneEventWithTheVersionWritten() {
		String patient = hanako();
		Map<String, Object> stored = fhir().get("/Patient/" + patient).then().extract().jsonPath().getMap("");
		String observation = created(fhir().body("""
				{"resourceType":"Observation","status":"final","code":{"text":"体温"},
				 "valueQuantity":{"value":37.2,"unit":"℃"},"subject":{"reference":"Patient/%s"}}""".formatted(patient))
				.post("/Observation"));
		fhir().body("""
				{"resourceType":"Observation","id":"%s","status":"amended","code":{"text":"体温"},
				 "valueQuantity":{"value":37.4,"unit":"℃"},"subject":{"reference":"Patient/%s"}}""".formatted(observation, patient))
				.put("/Observation/" + observation).then().statusCode(200);
		fhir().delete("/Observation/" + observation).then().statusCode(200);

		List<Map<String, Object>> events = eventsAbout(patient);
		assertThat(subtypes(events), equalTo(List.of("delete", "update", "create", "read", "create")));
		assertThat(stored, notNullValue());
		JsonPath newest = newestEventAbout(patient);
		assertThat(newest.getString("action"), equalTo("D"));
		assertThat(newest.getList("entity.what.reference"), hasItem("Observation/" + observation + "/_history/3"));
		String json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(events.get(1)).toString();
		assertThat(JsonPath.from(json).getString("action"), equalTo("U"));
		assertThat(JsonPath.from(json).getList("entity.what.reference"), hasItem("Observation/" + observation + "/_history/2"));
	}

	@Test
	void aTransactionLeavesOneEventWithEveryPatientAndResourceItWrote() {
		String hanako = hanako();
		String ichiro = createPatient("練馬", "一郎", "ネリマ", "イチロウ");
		fhir().body("""
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"体温"},
				   "valueQuantity":{"value":36.5,"unit":"℃"},"subject":{"reference":"Patient/%s"}},
				  "request":{"method":"POST","url":"Observation"}},
				 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"血圧"},
				   "subject":{"reference":"Patient/%s"}},
				  "request":{"method":"POST","url":"Observation"}}]}""".formatted(hanako, ichiro))
				.post("/").then().statusCode(200);

		assertThat(subtypes(eventsAbout(hanako)), equalTo(List.of("transaction", "create")));
		assertThat(subtypes(eventsAbout(ichiro)), equalTo(List.of("transaction", "create")));
		JsonPath transaction = newestEventAbout(hanako);
		assertThat(transaction.getString("action"), equalTo("E"));
		assertThat(transaction.getString("outcome"), equalTo("0"));
		assertThat(transaction.getList("entity.findAll { it.role.code == '1' }.what.reference"),
				hasItems("Patient/" + hanako, "Patient/" + ichiro));
		assertThat(transaction.getList("entity.findAll { it.role.code == '4' }.what.reference"), hasSize(2));
	}

	@Test
	void aRolledBackTransactionLeavesAFailureEventAndNoSuccessEvent() {
		String patient = hanako();
		fhir().body("""
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":%s,"request":{"method":"PUT","url":"Patient/%s"}},
				 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"体温"},
				   "subject":{"reference":"Patient/no-such-patient-%s"}},
				  "request":{"method":"POST","url":"Observation"}}]}"""
				.formatted(patientJson("練馬", "花子", "ネリマ", "ハナコ", unique()).replaceFirst("\\{", "{\"id\":\"" + patient + "\","),
						patient, unique()))
				.post("/").then().statusCode(400);

		fhir().get("/Patient/" + patient).then().body("meta.versionId", equalTo("1"));
		List<Map<String, Object>> events = eventsAbout(patient);
		assertThat(subtypes(events), equalTo(List.of("read", "transaction", "create")));
		String failure = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(events.get(1)).toString();
		assertThat(JsonPath.from(failure).getString("outcome"), equalTo("4"));
		assertThat(JsonPath.from(failure).getString("outcomeDesc"), containsString("no-such-patient"));
	}

	/**
	 * Watches the database transaction of the write of a Patient with a given identifier: fails it at
	 * its very end (after the audit's insert, like a crash before commit), or looks at the audit
	 * table the moment it has committed (before any answer is sent).
	 */
	public final class CommitWatcher {
		private final String marker;
		private final boolean fail;
		private volatile Integer eventsAtCommit;

		CommitWatcher(String marker, boolean fail) {
			this.marker = marker;
			this.fail = fail;
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void created(IBaseResource resource) {
			if (!(resource instanceof Patient patient) || !marker.equals(patient.getIdentifierFirstRep().getValue())) {
				return;
			}
			String written = "Patient/" + patient.getIdElement().getIdPart() + "/_history/1";
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					if (fail) {
						throw new IllegalStateException("commit failed on purpose");
					}
				}

				@Override
				public void afterCommit() {
					eventsAtCommit = jdbc.queryForObject("SELECT count(*) FROM zaitaku_audit_event WHERE resource LIKE ?",
							Integer.class, "%" + written + "%");
				}
			});
		}
	}

	private void whileWatching(CommitWatcher watcher, Runnable requests) {
		fhirServer.registerInterceptor(watcher);
		try {
			requests.run();
		} finally {
			fhirServer.unregisterInterceptor(watcher);
		}
	}

	@Test
	void aWriteIsRecordedInItsOwnDatabaseTransaction() {
		String marker = unique();
		CommitWatcher watcher = new CommitWatcher(marker, false);
		whileWatching(watcher, () -> created(fhir().body(patientJson("練馬", "花子", "ネリマ", "ハナコ", marker)).post("/Patient")));
		assertThat(watcher.eventsAtCommit, is(1));
	}

	@Test
	void aWriteThatFailsToCommitTakesItsEventWithItAndLeavesAFailureEvent() {
		String clientId = "audit-rollback-" + unique();
		String token = tokenOf(clientId, "system/Patient.cruds");
		String marker = unique();
		whileWatching(new CommitWatcher(marker, true), () ->
				withToken(token).body(patientJson("練馬", "花子", "ネリマ", "ハナコ", marker)).post("/Patient").then().statusCode(500));

		fhir().get("/Patient?identifier=urn:zaitaku:test|" + marker).then().body("entry", nullValue());
		List<Map<String, Object>> events = fhir().get("/AuditEvent?agent:identifier=" + clientId).then().extract().jsonPath()
				.getList("entry.resource");
		assertThat(events, hasSize(1));
		assertThat(events.get(0).get("outcome"), equalTo("8"));
		assertThat(events.get(0).get("action"), equalTo("C"));
	}

	@Test
	void refusedRequestsLeaveOneFailureEventEach() {
		String patient = hanako();
		String observationsOnly = tokenOf("audit-observations-" + unique(), "system/Observation.rs");
		withToken(observationsOnly).get("/Patient/" + patient).then().statusCode(403);
		JsonPath forbidden = newestEventAbout(patient);
		assertThat(forbidden.getString("subtype[0].code"), equalTo("read"));
		assertThat(forbidden.getString("outcome"), equalTo("4"));
		assertThat(forbidden.getString("outcomeDesc"), startsWith("403"));
		assertThat(forbidden.getString("agent.find { it.requestor }.who.identifier.value"), startsWith("audit-observations-"));

		String missing = "no-such-patient-" + unique();
		fhir().get("/Patient/" + missing).then().statusCode(404);
		assertThat(eventsAbout(missing), hasSize(1));
		assertThat(newestEventAbout(missing).getString("outcome"), equalTo("4"));

		String withoutSender = communicationJson(patient, "本日の訪問で発熱あり").replaceFirst("\"sender\":\\{[^}]*\\},", "");
		fhir().body(withoutSender).post("/Communication").then().statusCode(422);
		JsonPath invalid = newestEventAbout(patient);
		assertThat(invalid.getString("subtype[0].code"), equalTo("create"));
		assertThat(invalid.getString("action"), equalTo("C"));
		assertThat(invalid.getString("outcome"), equalTo("4"));
		assertThat(invalid.getString("outcomeDesc"), startsWith("422"));

		assertThat(subtypes(eventsAbout(patient)), equalTo(List.of("create", "read", "create")));
	}

	@Test
	void aRequestWithoutTokenIsRecordedWithThePatientOfItsUrl() {
		String patient = hanako();
		anonymous().get("/Patient/" + patient).then().statusCode(401);

		JsonPath refused = newestEventAbout(patient);
		assertThat(refused.getString("subtype[0].code"), equalTo("read"));
		assertThat(refused.getString("outcome"), equalTo("4"));
		assertThat(refused.getString("outcomeDesc"), startsWith("401"));
		assertThat(refused.getString("agent.find { it.requestor }.who.identifier"), nullValue());
	}

	@Test
	void theCapabilityStatementAndOtherRequestsWithoutPatientDataAreNotRecorded() {
		int before = jdbc.queryForObject("SELECT count(*) FROM zaitaku_audit_event", Integer.class);
		anonymous().get("/metadata").then().statusCode(200);
		anonymous().get("/.well-known/smart-configuration").then().statusCode(200);
		int after = jdbc.queryForObject("SELECT count(*) FROM zaitaku_audit_event", Integer.class);
		assertThat(after, is(before));
	}

	@Test
	void auditEventsCannotBeCreatedChangedOrDeleted() {
		String patient = hanako();
		Map<String, Object> event = eventsAbout(patient).get(0);
		String id = (String) event.get("id");
		String stored = fhir().get("/AuditEvent/" + id).then().statusCode(200).extract().asString();
		String forged = "{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\",\"type\":{\"code\":\"rest\"},"
				+ "\"recorded\":\"2025-06-02T10:00:00+09:00\",\"agent\":[{\"requestor\":true}],\"source\":{\"observer\":{\"display\":\"偽\"}}}";

		fhir().body(forged).post("/AuditEvent").then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
		fhir().body(forged).put("/AuditEvent/" + id).then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
		fhir().delete("/AuditEvent/" + id).then().statusCode(405).body("resourceType", equalTo("OperationOutcome"));
		fhir().contentType("application/json-patch+json").body("[{\"op\":\"remove\",\"path\":\"/agent\"}]")
				.patch("/AuditEvent/" + id).then().statusCode(405);
		fhir().body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + forged
				+ ",\"request\":{\"method\":\"PUT\",\"url\":\"AuditEvent/" + id + "\"}}]}").post("/")
				.then().statusCode(405);
		fhir().body("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"resource\":" + forged
				+ ",\"request\":{\"method\":\"POST\",\"url\":\"AuditEvent\"}}]}").post("/")
				.then().statusCode(200).body("entry[0].response.status", startsWith("405"));

		assertThat(fhir().get("/AuditEvent/" + id).then().statusCode(200).extract().asString(), equalTo(stored));
		assertThat(subtypes(eventsAbout(patient)), equalTo(List.of("create")));
	}

	@Test
	void theTrailIsSearchedByClientDateAndOutcomeInPagesNewestFirst() {
		String clientId = "audit-paging-" + unique();
		String token = tokenOf(clientId, "system/Patient.rs");
		String patient = hanako();
		for (int i = 0; i < 3; i++) {
			withToken(token).get("/Patient/" + patient).then().statusCode(200);
		}
		withToken(token).get("/Observation?subject=Patient/" + patient).then().statusCode(403);

		JsonPath first = fhir().get("/AuditEvent?agent:identifier=" + clientId + "&_count=2").then().statusCode(200)
				.extract().jsonPath();
		assertThat(first.getList("entry"), hasSize(2));
		assertThat(first.getString("entry[0].resource.outcome"), equalTo("4"));
		String next = first.getString("link.find { it.relation == 'next' }.url");
		assertThat(next, containsString("_offset=2"));
		assertThat(next, containsString(clientId));
		JsonPath second = fhir().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
		assertThat(second.getList("entry"), hasSize(2));
		assertThat(second.getString("link.find { it.relation == 'next' }"), nullValue());
		assertThat(second.getList("entry.resource.id"), everyItem(not(org.hamcrest.Matchers.in(first.getList("entry.resource.id")))));

		assertThat(fhir().get("/AuditEvent?agent:identifier=" + clientId + "&outcome=4").then().extract().jsonPath()
				.getList("entry"), hasSize(1));
		assertThat(fhir().get("/AuditEvent?agent:identifier=" + clientId + "&outcome=0&patient=" + patient).then().extract().jsonPath()
				.getList("entry"), hasSize(3));
		String minuteAgo = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
		assertThat(fhir().get("/AuditEvent?agent:identifier=" + clientId + "&date=ge" + minuteAgo).then().extract().jsonPath()
				.getList("entry"), hasSize(4));
		assertThat(fhir().get("/AuditEvent?agent:identifier=" + clientId + "&date=lt" + minuteAgo).then().statusCode(200)
				.extract().jsonPath().getList("entry"), nullValue());

		// The total is the number of matches when asked for or known (the last page), never the size of a page.
		assertThat(first.get("total"), nullValue());
		assertThat(second.get("total"), equalTo(4));
		fhir().get("/AuditEvent?agent:identifier=" + clientId + "&_summary=count").then().statusCode(200)
				.body("total", equalTo(4)).body("entry", nullValue());
		fhir().get("/AuditEvent?agent:identifier=" + clientId + "&_count=1&_total=accurate").then().statusCode(200)
				.body("total", equalTo(4)).body("entry", hasSize(1));
		fhir().get("/AuditEvent?agent:identifier=" + clientId + "&outcome=4&_total=accurate").then().statusCode(200)
				.body("total", equalTo(1));
	}

	@Test
	void theCapabilityStatementOffersAuditEventReadAndSearchOnly() {
		JsonPath metadata = anonymous().get("/metadata").then().statusCode(200).extract().jsonPath();
		String auditEvent = "rest[0].resource.find { it.type == 'AuditEvent' }";
		assertThat(metadata.getList(auditEvent + ".interaction.code"), equalTo(List.of("read", "search-type")));
		assertThat(metadata.getList(auditEvent + ".searchParam.name"), hasItems("patient", "agent", "date", "outcome", "purpose"));
	}
}
