package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code GET Communication/{id}/$receipts}: who has read, acknowledged and finished a team message, and
 * who it is addressed to has not yet, for anyone who may read the message (the sender and the team).
 * Answers a Parameters resource: {@code message}; one {@code reader} per person with a receipt (parts
 * {@code who}, {@code status} — the furthest they went —, {@code time}, and one {@code receipt} per
 * status); one {@code pending} per addressee without any receipt; and the counts {@code read},
 * {@code acknowledged}, {@code done} and {@code pendingCount}.
 */
@Component
class ReceiptsProvider implements FhirOperationProvider, ScopedOperation {

	static final String OPERATION = "$receipts";

	private final Messages messages;
	private final Recipients recipients;
	private final Readers readers;
	private final ReceiptLedger ledger;

	ReceiptsProvider(Messages messages, Recipients recipients, Readers readers, ReceiptLedger ledger) {
		this.messages = messages;
		this.recipients = recipients;
		this.readers = readers;
		this.ledger = ledger;
	}

	@Override
	public OperationScope operationScope() {
		return operationScopes().get(0);
	}

	@Override
	public List<OperationScope> operationScopes() {
		return MessageOperations.readersOf(OPERATION, false);
	}

	@Operation(name = OPERATION, typeName = "Communication", idempotent = true)
	public Parameters receipts(@IdParam IdType id, RequestDetails request) {
		Communication message = messages.readFor(id, request);
		Map<String, Map<ReceiptStatus, ReceiptLedger.Entry>> byReader = new LinkedHashMap<>();
		for (ReceiptLedger.Entry entry : ledger.receiptsOf(message.getIdElement().getIdPart())) {
			byReader.computeIfAbsent(entry.reader(), reader -> new EnumMap<>(ReceiptStatus.class)).put(entry.status(), entry);
		}
		Parameters answer = new Parameters();
		answer.addParameter().setName("message").setValue(new Reference("Communication/" + message.getIdElement().getIdPart()));
		Map<ReceiptStatus, Integer> counts = new EnumMap<>(ReceiptStatus.class);
		byReader.forEach((reader, statuses) -> {
			ReceiptStatus furthest = statuses.keySet().stream().max(Enum::compareTo).orElseThrow();
			statuses.keySet().forEach(status -> counts.merge(status, 1, Integer::sum));
			Parameters.ParametersParameterComponent part = answer.addParameter().setName("reader");
			part.addPart().setName("who").setValue(new Reference(reader));
			part.addPart().setName("status").setValue(new Coding(HomeCareGuide.ReceiptStatus.SYSTEM, furthest.code(), furthest.display()));
			part.addPart().setName("time").setValue(new InstantType(Date.from(statuses.get(furthest).recordedAt())));
			statuses.values().forEach(entry -> part.addPart().setName("receipt").setValue(new Reference("Communication/" + entry.receiptId())));
		});
		int pending = 0;
		for (String addressee : recipients.addressees(message)) {
			if (!hasReadAny(addressee, byReader.keySet())) {
				answer.addParameter().setName("pending").setValue(new Reference(addressee));
				pending++;
			}
		}
		for (ReceiptStatus status : ReceiptStatus.values()) {
			answer.addParameter().setName(status.code()).setValue(new IntegerType(counts.getOrDefault(status, 0)));
		}
		answer.addParameter().setName("pendingCount").setValue(new IntegerType(pending));
		return answer;
	}

	/**
	 * Whether an addressee ({@code PractitionerRole/3}, {@code Organization/4}) is one of the readers
	 * ({@code Practitioner/1}) as the team names them: a role of theirs counts, and so does their
	 * organisation, which one of its staff reading is enough for.
	 */
	private boolean hasReadAny(String addressee, Set<String> readersSoFar) {
		if (readersSoFar.contains(addressee)) {
			return true;
		}
		for (String reader : readersSoFar) {
			try {
				if (readers.reader(reader).identities().contains(addressee)) {
					return true;
				}
			} catch (ca.uhn.fhir.rest.server.exceptions.InvalidRequestException e) {
				// a reader no longer active counts for nobody else
			}
		}
		return false;
	}
}
