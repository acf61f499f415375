package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST Communication/{id}/$mark-read} (parameter {@code status}: read, acknowledged or done;
 * default read): the reader says they read, acknowledged or finished a team message. One
 * ZaitakuMessageReceipt per reader and status is stored, and the same call again answers the same
 * receipt; the message itself never changes. Only a recipient marks a message — someone named on it
 * or a current member of a team it is sent to (403 otherwise); someone who cannot read it gets the
 * 404 of a message that does not exist. Receipts are written here only ({@link ReceiptsWrittenByTheServer}).
 */
@Component
class MarkReadProvider implements FhirOperationProvider, ScopedOperation {

	static final String OPERATION = "$mark-read";

	private final Messages messages;
	private final Readers readers;
	private final Recipients recipients;
	private final ReceiptLedger ledger;
	private final DaoRegistry daos;
	private final TransactionTemplate transactions;
	private final Clock clock;

	MarkReadProvider(Messages messages, Readers readers, Recipients recipients, ReceiptLedger ledger, DaoRegistry daos,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.messages = messages;
		this.readers = readers;
		this.recipients = recipients;
		this.ledger = ledger;
		this.daos = daos;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public OperationScope operationScope() {
		return operationScopes().get(0);
	}

	@Override
	public List<OperationScope> operationScopes() {
		return MessageOperations.readersOf(OPERATION, false);
	}

	@Operation(name = OPERATION, typeName = "Communication", idempotent = false)
	public Communication markRead(@IdParam IdType id, @OperationParam(name = "status", max = 1) CodeType status,
			@OperationParam(name = "reader", max = 1) Reference reader, RequestDetails request) {
		ReceiptStatus receiptStatus = status == null || status.getValue() == null ? ReceiptStatus.READ : ReceiptStatus.of(status.getValue());
		Communication message = messages.readFor(id, request);
		if (Messages.isReceipt(message)) {
			throw new InvalidRequestException("Communication/" + id.getIdPart() + " is a read receipt; mark the message it answers.");
		}
		Readers.Reader who = readers.of(request, reader);
		if (!recipients.includes(message, who)) {
			throw new ForbiddenOperationException(who.reference() + " is not a recipient of Communication/" + id.getIdPart()
					+ ": only the people it is sent to, or the members of a team it is sent to, mark it.");
		}
		String messageId = message.getIdElement().getIdPart();
		return transactions.execute(tx -> {
			ledger.lockReader(messageId, who.reference());
			return ledger.receiptOf(messageId, who.reference(), receiptStatus)
					.map(existing -> (Communication) daos.getResourceDao("Communication").read(new IdType("Communication", existing), new SystemRequestDetails()))
					.orElseGet(() -> record(message, who, receiptStatus));
		});
	}

	private Communication record(Communication message, Readers.Reader who, ReceiptStatus status) {
		Instant now = clock.instant();
		Communication receipt = receipt(message, who.reference(), status, now);
		IdType stored = (IdType) daos.getResourceDao("Communication").create(receipt, new SystemRequestDetails()).getId();
		ledger.record(message.getIdElement().getIdPart(), who.reference(), status, stored.getIdPart(), now);
		receipt.setId(stored);
		return receipt;
	}

	private static Communication receipt(Communication message, String reader, ReceiptStatus status, Instant now) {
		Communication receipt = new Communication();
		receipt.getMeta().addProfile(HomeCareGuide.Profiles.MESSAGE_RECEIPT);
		receipt.addExtension(HomeCareGuide.Extensions.RECEIPT_STATUS, new CodeType(status.code()));
		if (message.hasExtension(HomeCareGuide.Extensions.COMMUNICATION_THREAD)) {
			receipt.addExtension(message.getExtensionByUrl(HomeCareGuide.Extensions.COMMUNICATION_THREAD).copy());
		}
		receipt.setStatus(Communication.CommunicationStatus.COMPLETED);
		receipt.addCategory(new CodeableConcept(new Coding(HomeCareGuide.MessageCategory.SYSTEM, HomeCareGuide.MessageCategory.RECEIPT, "既読・確認")));
		receipt.setSubject(message.getSubject().copy());
		receipt.addInResponseTo(new Reference("Communication/" + message.getIdElement().getIdPart()));
		receipt.setSent(Date.from(now));
		receipt.setSender(new Reference(reader));
		if (message.hasSender()) {
			receipt.addRecipient(message.getSender().copy());
		}
		return receipt;
	}
}
