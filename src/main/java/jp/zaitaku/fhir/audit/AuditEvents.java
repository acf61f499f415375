package jp.zaitaku.fhir.audit;

import java.time.Clock;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.InstantType;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link AuditRecord} into an AuditEvent following the IHE Basic Audit Log Patterns (BALP)
 * for RESTful access: type {@code rest}, the interaction as subtype, agents for the person, the
 * client and this server, the patients and resources as entities.
 * <p>
 * The JSON is written directly, element by element in FHIR's order, not through HAPI's parser: a
 * request's AuditEvent is encoded once per request, and HAPI's generic encoder made that a sixth of
 * the CPU of a read. AuditEventsJsonTest holds the output to what HAPI's strict parser accepts and
 * would itself write.
 */
@Component
class AuditEvents {

	static final String EVENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
	static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
	private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
	static final String SERVER_NAME = "Zaitaku FHIR";
	private static final String EMERGENCY_TREATMENT = "ETREAT";
	private static final String LEFT_OUT = "more patients or resources than one event lists; the first ones are named";

	private final JsonFactory json = new JsonFactory();
	private final Clock clock;

	AuditEvents(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param httpStatus the status of the answer: 2xx/3xx success (0), 4xx minor failure (4), 5xx
	 *     serious failure (8)
	 * @param outcomeDesc why a request was refused or failed; null on success
	 */
	AuditEntry entry(AuditRecord record, int httpStatus, String outcomeDesc) {
		String id = UUID.randomUUID().toString();
		Instant recorded = clock.instant();
		String outcome = httpStatus >= 500 ? "8" : httpStatus >= 400 ? "4" : "0";
		Caller caller = record.caller;
		List<String> patients = record.patients();
		String purpose = caller.isEmergencyFor(patients) ? EMERGENCY_TREATMENT : "TREAT";
		StringWriter text = new StringWriter(1024);
		try (JsonGenerator event = json.createGenerator(text)) {
			event.writeStartObject();
			event.writeStringField("resourceType", "AuditEvent");
			event.writeStringField("id", id);
			writeCoding(event, "type", EVENT_TYPE_SYSTEM, "rest", "Restful Operation");
			event.writeArrayFieldStart("subtype");
			writeCoding(event, null, RestInteraction.SYSTEM, record.interaction.code, record.interaction.code);
			event.writeEndArray();
			event.writeStringField("action", record.interaction.action);
			event.writeStringField("recorded", new InstantType(Date.from(recorded)).getValueAsString());
			event.writeStringField("outcome", outcome);
			if (outcomeDesc != null) {
				event.writeStringField("outcomeDesc", outcomeDesc);
			}
			writeAgents(event, caller, purpose);
			event.writeObjectFieldStart("source");
			event.writeObjectFieldStart("observer");
			event.writeStringField("display", SERVER_NAME);
			event.writeEndObject();
			event.writeArrayFieldStart("type");
			writeCoding(event, null, SOURCE_TYPE, "4", "Application Server");
			event.writeEndArray();
			event.writeEndObject();
			writeEntities(event, record, patients);
			event.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e); // a StringWriter does not fail
		}
		List<String> agents = caller.user() == null ? List.of() : List.of(caller.user());
		return new AuditEntry(id, recorded, patients, agents, caller.clientId(), record.interaction.action,
				record.interaction.code, Integer.parseInt(outcome), purpose, text.toString(), entities(record, patients),
				caller.address());
	}

	/** The person (if any), the client, and this server; the requestor carries the purpose of use. */
	private static void writeAgents(JsonGenerator event, Caller caller, String purpose) throws IOException {
		boolean clientIsRequestor = caller.user() == null;
		event.writeArrayFieldStart("agent");
		if (caller.user() != null) {
			event.writeStartObject();
			writeConcept(event, "type", PARTICIPATION, "IRCP", "information recipient");
			event.writeObjectFieldStart("who");
			event.writeStringField("reference", caller.user());
			event.writeEndObject();
			event.writeBooleanField("requestor", true);
			writePurposeOfUse(event, caller, purpose);
			event.writeEndObject();
		}
		event.writeStartObject();
		writeConcept(event, "type", DICOM, "110153", "Source Role ID");
		event.writeObjectFieldStart("who");
		if (caller.clientId() != null) {
			event.writeObjectFieldStart("identifier");
			event.writeStringField("value", caller.clientId());
			event.writeEndObject();
			event.writeStringField("display", "OAuth client " + caller.clientId());
		} else {
			event.writeStringField("display", "caller without an accepted access token");
		}
		event.writeEndObject();
		event.writeBooleanField("requestor", clientIsRequestor);
		if (caller.address() != null) {
			event.writeObjectFieldStart("network");
			event.writeStringField("address", caller.address());
			event.writeStringField("type", "2"); // IP address
			event.writeEndObject();
		}
		if (clientIsRequestor) {
			writePurposeOfUse(event, caller, purpose);
		}
		event.writeEndObject();
		event.writeStartObject();
		writeConcept(event, "type", DICOM, "110152", "Destination Role ID");
		event.writeObjectFieldStart("who");
		event.writeStringField("display", SERVER_NAME);
		event.writeEndObject();
		event.writeBooleanField("requestor", false);
		event.writeEndObject();
		event.writeEndArray();
	}

	private static void writePurposeOfUse(JsonGenerator event, Caller caller, String purpose) throws IOException {
		boolean emergency = EMERGENCY_TREATMENT.equals(purpose);
		event.writeArrayFieldStart("purposeOfUse");
		event.writeStartObject();
		event.writeArrayFieldStart("coding");
		writeCoding(event, null, ACT_REASON, purpose, emergency ? "emergency treatment" : "treatment");
		event.writeEndArray();
		if (emergency) {
			event.writeStringField("text", caller.emergencyReason());
		}
		event.writeEndObject();
		event.writeEndArray();
	}

	/** What the event is about, as the {@code entity} search finds it: unversioned references, patients first. */
	private static List<String> entities(AuditRecord record, List<String> patients) {
		java.util.LinkedHashSet<String> entities = new java.util.LinkedHashSet<>();
		patients.forEach(patient -> entities.add("Patient/" + patient));
		for (String resource : record.resources()) {
			int history = resource.indexOf("/_history/");
			entities.add(history < 0 ? resource : resource.substring(0, history));
		}
		return List.copyOf(entities);
	}

	/** Patients, then resources read or written, then the query of a search (base64, as BALP wants it). */
	private static void writeEntities(JsonGenerator event, AuditRecord record, List<String> patients) throws IOException {
		List<String> resources = record.resources();
		boolean leftOut = record.somethingLeftOut();
		if (patients.isEmpty() && resources.isEmpty() && record.query() == null && !leftOut) {
			return;
		}
		event.writeArrayFieldStart("entity");
		boolean first = true;
		for (String patient : patients) {
			writeEntity(event, "Patient/" + patient, "1", "Person", "1", "Patient", first && leftOut);
			first = false;
		}
		for (String resource : resources) {
			writeEntity(event, resource, "2", "System Object", "4", "Domain Resource", first && leftOut);
			first = false;
		}
		if (record.query() != null) {
			event.writeStartObject();
			writeCoding(event, "type", ENTITY_TYPE, "2", "System Object");
			writeCoding(event, "role", OBJECT_ROLE, "24", "Query");
			if (first && leftOut) {
				event.writeStringField("name", LEFT_OUT);
			}
			if (record.requestUrl != null) {
				event.writeStringField("description", record.requestUrl);
			}
			event.writeStringField("query", Base64.getEncoder().encodeToString(record.query().getBytes(StandardCharsets.UTF_8)));
			event.writeEndObject();
			first = false;
		}
		if (first) { // nothing listed, yet something left out
			event.writeStartObject();
			event.writeStringField("name", LEFT_OUT);
			event.writeEndObject();
		}
		event.writeEndArray();
	}

	private static void writeEntity(JsonGenerator event, String what, String typeCode, String typeDisplay, String roleCode,
			String roleDisplay, boolean namesWhatIsLeftOut) throws IOException {
		event.writeStartObject();
		event.writeObjectFieldStart("what");
		event.writeStringField("reference", what);
		event.writeEndObject();
		writeCoding(event, "type", ENTITY_TYPE, typeCode, typeDisplay);
		writeCoding(event, "role", OBJECT_ROLE, roleCode, roleDisplay);
		if (namesWhatIsLeftOut) {
			event.writeStringField("name", LEFT_OUT);
		}
		event.writeEndObject();
	}

	/** A CodeableConcept with one coding. */
	static void writeConcept(JsonGenerator event, String field, String system, String code, String display)
			throws IOException {
		event.writeObjectFieldStart(field);
		event.writeArrayFieldStart("coding");
		writeCoding(event, null, system, code, display);
		event.writeEndArray();
		event.writeEndObject();
	}

	/** A Coding, as the value of {@code field}, or as an array element when {@code field} is null. */
	static void writeCoding(JsonGenerator event, String field, String system, String code, String display)
			throws IOException {
		if (field == null) {
			event.writeStartObject();
		} else {
			event.writeObjectFieldStart(field);
		}
		event.writeStringField("system", system);
		event.writeStringField("code", code);
		event.writeStringField("display", display);
		event.writeEndObject();
	}
}
