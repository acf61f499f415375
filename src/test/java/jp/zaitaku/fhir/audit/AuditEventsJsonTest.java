package jp.zaitaku.fhir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * The AuditEvent JSON written by hand in {@link AuditEvents} is FHIR JSON exactly as HAPI writes it:
 * HAPI's strict parser reads it without complaint, and encoding what it read gives the same text
 * (so element order, names and value formats all match), for every shape an event takes. One
 * difference is deliberate: a versioned reference ({@code Patient/12/_history/3}, what a vread read)
 * keeps its version, which HAPI's encoder drops by default.
 */
class AuditEventsJsonTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final AuditEvents events = new AuditEvents(java.time.Clock.systemUTC());

	@Test
	void aPractitionersReadOfOnePatient() {
		AuditRecord record = new AuditRecord(RestInteraction.READ,
				new Caller("Practitioner/oizumi-sakura", "zaitaku-nurse-app", "192.0.2.10", null), "http://localhost/fhir/Patient/12", 100);
		record.addPatient("12");
		record.addResource("Patient/12/_history/3");
		AuditEvent event = sameAsHapi(events.entry(record, 200, null).json());
		assertThat(event.getAgent().get(0).getWho().getReference(), equalTo("Practitioner/oizumi-sakura"));
		assertThat(event.getEntity().get(1).getWhat().getReference(), equalTo("Patient/12/_history/3"));
	}

	@Test
	void aBackendClientsSearchWithItsQuery() {
		AuditRecord record = new AuditRecord(RestInteraction.SEARCH_TYPE, new Caller(null, "houmon-kango-station", "198.51.100.7", null),
				"http://localhost/fhir/Communication?_content=嚥下", 100);
		List.of("1", "2").forEach(record::addPatient);
		record.setQuery("_content=%E5%9A%A5%E4%B8%8B");
		AuditEvent event = sameAsHapi(events.entry(record, 200, null).json());
		assertThat(new String(event.getEntity().get(2).getQuery(), java.nio.charset.StandardCharsets.UTF_8), equalTo("_content=%E5%9A%A5%E4%B8%8B"));
		assertThat(event.getAgent().get(0).getRequestor(), equalTo(true));
	}

	@Test
	void anEmergencyAccessRefusedWithItsReason() {
		AuditRecord record = new AuditRecord(RestInteraction.UPDATE,
				new Caller("Practitioner/touchoku-i", "zaitaku-ehr", null, "夜間の急変: 呼吸困難で往診"), "http://localhost/fhir/Observation/9", 100);
		AuditEvent event = sameAsHapi(events.entry(record, 404, "404 PUT Observation/9: Resource Observation/9 is not known").json());
		assertThat(event.getOutcome().toCode(), equalTo("4"));
		assertThat(event.getAgent().get(0).getPurposeOfUseFirstRep().getText(), equalTo("夜間の急変: 呼吸困難で往診"));
	}

	@Test
	void anUnauthenticatedFailureAndEventsThatLeaveSomethingOut() {
		sameAsHapi(events.entry(new AuditRecord(RestInteraction.SEARCH_SYSTEM, Caller.unauthenticated("203.0.113.5"), null, 1), 500,
				"500 \"quoted\" \\ and\nnew line").json());
		AuditRecord tooMany = new AuditRecord(RestInteraction.SEARCH_TYPE, new Caller(null, "cap", null, null), null, 1);
		List.of("a", "b").forEach(tooMany::addPatient);
		tooMany.setQuery("name=やまだ");
		AuditEvent event = sameAsHapi(events.entry(tooMany, 200, null).json());
		assertThat(event.getEntityFirstRep().getName(), equalTo("more patients or resources than one event lists; the first ones are named"));
		AuditRecord onlyLeftOut = new AuditRecord(RestInteraction.BATCH, new Caller(null, "cap", null, null), null, 1);
		for (int i = 0; i <= AuditRecord.MAX_RESOURCES; i++) {
			onlyLeftOut.addResource("Observation/" + i);
		}
		assertThat(sameAsHapi(events.entry(onlyLeftOut, 200, null).json()).getEntity().size(), equalTo(AuditRecord.MAX_RESOURCES));
	}

	private static AuditEvent sameAsHapi(String json) {
		IParser strict = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
		AuditEvent parsed = strict.parseResource(AuditEvent.class, json);
		// HAPI drops the version of a reference unless told not to; the trail keeps which version was read.
		assertThat(FHIR.newJsonParser().setStripVersionsFromReferences(false).encodeResourceToString(parsed), equalTo(json));
		return parsed;
	}
}
