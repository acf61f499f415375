package jp.zaitaku.fhir.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.InstantType;
import org.springframework.stereotype.Component;

/**
 * AuditEvents of the server's administration (clients, people who log in, tokens, signing keys):
 * type DICOM "Security Alert" with the subtype "Security Configuration" (clients, keys) or "User
 * security Attributes Changed" (people, tokens), the administering client as agent, what was
 * administered as entity, and the call and its status in {@code outcomeDesc}. Stored in the same
 * trail as every FHIR request's event, readable by the trail's administrators and auditors.
 */
@Component
public class AdministrationAudit {

	/** What an administrative call was about. */
	public enum Subject {
		CONFIGURATION("110129", "Security Configuration"),
		USER_SECURITY("110137", "User security Attributes Changed");

		final String code;
		final String display;

		Subject(String code, String display) {
			this.code = code;
			this.display = display;
		}
	}

	private static final String HEALTH_SYSTEM_ADMINISTRATION = "HSYSADMIN";

	private final AuditTrail trail;
	private final Clock clock;
	private final JsonFactory json = new JsonFactory();

	AdministrationAudit(AuditTrail trail, Clock clock) {
		this.trail = trail;
		this.clock = clock;
	}

	/**
	 * Records one administrative call.
	 *
	 * @param clientId the administering client
	 * @param address the caller's IP address
	 * @param action C, R, U, D or E (execute: a rotation, a revocation)
	 * @param what the administered thing, e.g. {@code client ehr-nerima}
	 * @param call method, path and status, e.g. {@code PUT /admin/clients/ehr-nerima 200}
	 * @param httpStatus the status answered
	 */
	public void record(String clientId, String address, String action, Subject subject, String what, String call, int httpStatus) {
		String id = UUID.randomUUID().toString();
		Instant recorded = clock.instant();
		String outcome = httpStatus >= 500 ? "8" : httpStatus >= 400 ? "4" : "0";
		StringWriter text = new StringWriter(512);
		try (JsonGenerator event = json.createGenerator(text)) {
			event.writeStartObject();
			event.writeStringField("resourceType", "AuditEvent");
			event.writeStringField("id", id);
			AuditEvents.writeCoding(event, "type", AuditEvents.DICOM, "110113", "Security Alert");
			event.writeArrayFieldStart("subtype");
			AuditEvents.writeCoding(event, null, AuditEvents.DICOM, subject.code, subject.display);
			event.writeEndArray();
			event.writeStringField("action", action);
			event.writeStringField("recorded", new InstantType(Date.from(recorded)).getValueAsString());
			event.writeStringField("outcome", outcome);
			event.writeStringField("outcomeDesc", call);
			event.writeArrayFieldStart("agent");
			event.writeStartObject();
			AuditEvents.writeConcept(event, "type", AuditEvents.DICOM, "110153", "Source Role ID");
			event.writeObjectFieldStart("who");
			event.writeObjectFieldStart("identifier");
			event.writeStringField("value", clientId);
			event.writeEndObject();
			event.writeStringField("display", "OAuth client " + clientId);
			event.writeEndObject();
			event.writeBooleanField("requestor", true);
			if (address != null) {
				event.writeObjectFieldStart("network");
				event.writeStringField("address", address);
				event.writeStringField("type", "2");
				event.writeEndObject();
			}
			event.writeArrayFieldStart("purposeOfUse");
			event.writeStartObject();
			event.writeArrayFieldStart("coding");
			AuditEvents.writeCoding(event, null, AuditEvents.ACT_REASON, HEALTH_SYSTEM_ADMINISTRATION, "health system administration");
			event.writeEndArray();
			event.writeEndObject();
			event.writeEndArray();
			event.writeEndObject();
			event.writeEndArray();
			event.writeObjectFieldStart("source");
			event.writeObjectFieldStart("observer");
			event.writeStringField("display", AuditEvents.SERVER_NAME);
			event.writeEndObject();
			event.writeArrayFieldStart("type");
			AuditEvents.writeCoding(event, null, AuditEvents.SOURCE_TYPE, "4", "Application Server");
			event.writeEndArray();
			event.writeEndObject();
			event.writeArrayFieldStart("entity");
			event.writeStartObject();
			event.writeObjectFieldStart("what");
			event.writeStringField("display", what);
			event.writeEndObject();
			event.writeEndObject();
			event.writeEndArray();
			event.writeEndObject();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		trail.insert(new AuditEntry(id, recorded, List.of(), List.of(), clientId, action, subject.code, Integer.parseInt(outcome),
				HEALTH_SYSTEM_ADMINISTRATION, text.toString(), List.of(), address));
	}
}
