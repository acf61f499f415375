package jp.zaitaku.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link AuditRecord} into an AuditEvent following the IHE Basic Audit Log Patterns (BALP)
 * for RESTful access: type {@code rest}, the interaction as subtype, agents for the person, the
 * client and this server, the patients and resources as entities; encoded to JSON once.
 */
@Component
class AuditEvents {

	static final String EVENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
	private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
	static final String SERVER_NAME = "Zaitaku FHIR";

	private final FhirContext fhirContext;

	AuditEvents(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * @param httpStatus the status of the answer: 2xx/3xx success (0), 4xx minor failure (4), 5xx
	 *     serious failure (8)
	 * @param outcomeDesc why a request was refused or failed; null on success
	 */
	AuditEntry entry(AuditRecord record, int httpStatus, String outcomeDesc) {
		String id = UUID.randomUUID().toString();
		Instant recorded = Instant.now();
		AuditEvent.AuditEventOutcome outcome = httpStatus >= 500 ? AuditEvent.AuditEventOutcome._8
				: httpStatus >= 400 ? AuditEvent.AuditEventOutcome._4
				: AuditEvent.AuditEventOutcome._0;
		Caller caller = record.caller;
		String purpose = caller.isEmergency() ? "ETREAT" : "TREAT";

		AuditEvent event = new AuditEvent();
		event.setId(id);
		event.setType(new Coding(EVENT_TYPE_SYSTEM, "rest", "Restful Operation"));
		event.addSubtype(new Coding(RestInteraction.SYSTEM, record.interaction.code, record.interaction.code));
		event.setAction(AuditEvent.AuditEventAction.fromCode(record.interaction.action));
		event.setRecorded(Date.from(recorded));
		event.setOutcome(outcome);
		if (outcomeDesc != null) {
			event.setOutcomeDesc(outcomeDesc);
		}
		addAgents(event, caller, purpose);
		event.getSource().setObserver(new Reference().setDisplay(SERVER_NAME))
				.addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

		List<String> patients = record.patients();
		for (String patient : patients) {
			event.addEntity()
					.setWhat(new Reference("Patient/" + patient))
					.setType(new Coding(ENTITY_TYPE, "1", "Person"))
					.setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
		}
		for (String resource : record.resources()) {
			event.addEntity()
					.setWhat(new Reference(resource))
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
		}
		if (record.query() != null) {
			event.addEntity()
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
					// base64Binary: the JSON carries the query string base64-encoded, as BALP wants it.
					.setQuery(record.query().getBytes(StandardCharsets.UTF_8))
					.setDescription(record.requestUrl);
		}
		if (record.somethingLeftOut()) {
			event.getEntityFirstRep().setName("more patients or resources than one event lists; the first ones are named");
		}

		String json = parser().encodeResourceToString(event);
		List<String> agents = caller.user() == null ? List.of() : List.of(caller.user());
		return new AuditEntry(id, recorded, patients, agents, caller.clientId(), record.interaction.action,
				record.interaction.code, Integer.parseInt(outcome.toCode()),
				purpose, json);
	}

	private static void addAgents(AuditEvent event, Caller caller, String purpose) {
		CodeableConcept purposeOfUse = new CodeableConcept(new Coding(ACT_REASON, purpose,
				caller.isEmergency() ? "emergency treatment" : "treatment"));
		if (caller.isEmergency()) {
			purposeOfUse.setText(caller.emergencyReason());
		}
		boolean clientIsRequestor = caller.user() == null;
		if (caller.user() != null) {
			event.addAgent()
					.setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
					.setWho(new Reference(caller.user()))
					.setRequestor(true)
					.addPurposeOfUse(purposeOfUse);
		}
		AuditEvent.AuditEventAgentComponent client = event.addAgent()
				.setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")))
				.setRequestor(clientIsRequestor);
		if (caller.clientId() != null) {
			client.setWho(new Reference().setIdentifier(new Identifier().setValue(caller.clientId()))
					.setDisplay("OAuth client " + caller.clientId()));
		} else {
			client.setWho(new Reference().setDisplay("caller without an accepted access token"));
		}
		if (caller.address() != null) {
			client.getNetwork().setAddress(caller.address())
					.setType(AuditEvent.AuditEventAgentNetworkType._2); // IP address
		}
		if (clientIsRequestor) {
			client.addPurposeOfUse(purposeOfUse);
		}
		event.addAgent()
				.setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")))
				.setWho(new Reference().setDisplay(SERVER_NAME))
				.setRequestor(false);
	}

	IParser parser() {
		return fhirContext.newJsonParser().setPrettyPrint(false);
	}
}
