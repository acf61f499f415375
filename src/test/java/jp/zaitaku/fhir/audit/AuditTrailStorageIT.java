package jp.zaitaku.fhir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.access.CallerAccess;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit table itself: who sees which events (care teams only their patients'), the insert joins
 * HAPI's database transaction, emergency accesses are found by purpose, the JSON line for a SIEM.
 */
class AuditTrailStorageIT extends FhirServerTestBase {

	@Autowired
	private AuditTrail trail;
	@Autowired
	private AuditEvents events;
	@Autowired
	private JdbcTemplate jdbc;
	@Autowired
	private PlatformTransactionManager transactionManager;

	/** An event by a made-up client, so a test finds only its own events. */
	private AuditEntry eventAbout(String clientId, String emergencyReason, String... patients) {
		AuditRecord record = new AuditRecord(RestInteraction.READ,
				new Caller("Practitioner/oizumi-sakura", clientId, "192.0.2.10", emergencyReason), "http://localhost/fhir/Patient", 100);
		for (String patient : patients) {
			record.addPatient(patient);
		}
		return events.entry(record, 200, null);
	}

	private static AuditQuery byClient(String clientId) {
		return new AuditQuery(null, null, clientId, null, null, List.of(), List.of());
	}

	private static List<String> ids(List<String> json) {
		return json.stream().map(event -> JsonPath.from(event).getString("id")).toList();
	}

	@Test
	void aCareTeamSeesOnlyEventsAllOfWhosePatientsAreItsOwn() {
		String client = "care-team-" + unique();
		AuditEntry hanako = eventAbout(client, null, "hanako");
		AuditEntry hanakoAndIchiro = eventAbout(client, null, "hanako", "ichiro");
		AuditEntry ichiro = eventAbout(client, null, "ichiro");
		AuditEntry nobody = eventAbout(client, null);
		List.of(hanako, hanakoAndIchiro, ichiro, nobody).forEach(trail::insert);
		CallerAccess team = new CallerAccess(CallerAccess.Kind.CARE_TEAM, Set.of("hanako"), null);
		CallerAccess administrator = new CallerAccess(CallerAccess.Kind.ADMINISTRATOR, Set.of(), null);

		assertThat(ids(trail.search(byClient(client), team, 0, 10)), equalTo(List.of(hanako.id())));
		assertThat(ids(trail.search(byClient(client), administrator, 0, 10)),
				containsInAnyOrder(hanako.id(), hanakoAndIchiro.id(), ichiro.id(), nobody.id()));
		assertThat(trail.read(hanako.id(), team).isPresent(), is(true));
		assertThat(trail.read(ichiro.id(), team).isPresent(), is(false));
		assertThat(trail.read(hanakoAndIchiro.id(), team).isPresent(), is(false));
		CallerAccess noTeam = new CallerAccess(CallerAccess.Kind.CARE_TEAM, Set.of(), null);
		assertThat(trail.search(byClient(client), noTeam, 0, 10), empty());
	}

	@Test
	void theInsertJoinsTheDatabaseTransactionItRunsIn() {
		String client = "transaction-" + unique();
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		transaction.executeWithoutResult(status -> {
			trail.insert(eventAbout(client, null, "hanako"));
			status.setRollbackOnly();
		});
		assertThat(trail.search(byClient(client), CallerAccess.EVERY_PATIENT_ACCESS, 0, 10), empty());

		transaction.executeWithoutResult(status -> trail.insert(eventAbout(client, null, "hanako")));
		assertThat(trail.search(byClient(client), CallerAccess.EVERY_PATIENT_ACCESS, 0, 10), hasSize(1));
	}

	@Test
	void anEventOfItsOwnIsCommittedWithOrWithoutWaitingForTheDisk() {
		for (boolean waitForDisk : List.of(false, true)) {
			String client = "own-" + waitForDisk + "-" + unique();
			new AuditTrail(jdbc, new AuditProperties(false, 100, waitForDisk)).insert(eventAbout(client, null, "hanako"));
			assertThat(trail.search(byClient(client), CallerAccess.EVERY_PATIENT_ACCESS, 0, 10), hasSize(1));
		}
		// The connection goes back to the pool as it came: later work still commits on its own.
		String client = "after-" + unique();
		trail.insert(eventAbout(client, null, "hanako"));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM zaitaku_audit_event WHERE client_id = ?", Integer.class, client), org.hamcrest.Matchers.equalTo(1));
	}

	@Test
	void anEmergencyAccessCarriesItsReasonAndIsFoundByPurpose() {
		String client = "emergency-" + unique();
		String patient = "kyukyu-" + unique();
		trail.insert(eventAbout(client, null, patient));
		trail.insert(eventAbout(client, "夜間の急変で主治医不在のため", patient));

		JsonPath found = fhir().get("/AuditEvent?patient=" + patient + "&purpose=ETREAT").then().statusCode(200).extract().jsonPath();
		assertThat(found.getList("entry"), hasSize(1));
		String requestor = "entry[0].resource.agent.find { it.requestor }";
		assertThat(found.getString(requestor + ".who.reference"), equalTo("Practitioner/oizumi-sakura"));
		assertThat(found.getString(requestor + ".purposeOfUse[0].coding[0].system"), equalTo(AuditEvents.ACT_REASON));
		assertThat(found.getString(requestor + ".purposeOfUse[0].coding[0].code"), equalTo("ETREAT"));
		assertThat(found.getString(requestor + ".purposeOfUse[0].text"), equalTo("夜間の急変で主治医不在のため"));
		assertThat(fhir().get("/AuditEvent?patient=" + patient + "&purpose=TREAT").then().extract().jsonPath().getList("entry"), hasSize(1));
	}

	@Test
	void theTrailIsSearchedByThePersonActing() {
		String client = "person-" + unique();
		String patient = "person-search-" + unique();
		trail.insert(eventAbout(client, null, patient));

		JsonPath found = fhir().get("/AuditEvent?agent=Practitioner/oizumi-sakura&patient=" + patient).then().statusCode(200)
				.extract().jsonPath();
		assertThat(found.getList("entry"), hasSize(1));
		assertThat(fhir().get("/AuditEvent?agent=Practitioner/someone-else&patient=" + patient).then().extract().jsonPath()
				.getList("entry"), is((Object) null));
		fhir().get("/AuditEvent?agent=oizumi-sakura").then().statusCode(400);
	}

	@Test
	void withTheLogSettingEveryEventIsAlsoOneJsonLine() {
		Logger logger = (Logger) LoggerFactory.getLogger(AuditTrail.LOGGER_NAME);
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		logger.addAppender(lines);
		try {
			AuditEntry entry = eventAbout("siem-" + unique(), null, "hanako");
			new AuditTrail(jdbc, new AuditProperties(false, 100, false)).log(entry);
			assertThat(lines.list, empty());

			new AuditTrail(jdbc, new AuditProperties(true, 100, false)).log(entry);
			assertThat(lines.list, hasSize(1));
			String line = lines.list.get(0).getFormattedMessage();
			assertThat(line.contains("\n"), is(false));
			assertThat(JsonPath.from(line).getString("resourceType"), equalTo("AuditEvent"));
			assertThat(JsonPath.from(line).getString("id"), equalTo(entry.id()));
		} finally {
			logger.detachAppender(lines);
		}
	}

	@Test
	void aSearchNamesAtMostTheConfiguredNumberOfPatients() {
		AuditRecord record = new AuditRecord(RestInteraction.SEARCH_TYPE, new Caller(null, "cap", null, null), null, 2);
		List.of("a", "b", "c").forEach(record::addPatient);
		JsonPath event = JsonPath.from(events.entry(record, 200, null).json());
		assertThat(event.getList("entity.findAll { it.role.code == '1' }.what.reference"), equalTo(List.of("Patient/a", "Patient/b")));
		assertThat(event.getString("entity[0].name"), org.hamcrest.Matchers.containsString("first ones"));
	}
}
