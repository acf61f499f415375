package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 未確認の緊急連絡: every {@code zaitaku.messaging.escalation-check-interval}, each urgent message
 * whose wait ({@link UrgentMessages}) is over and that no recipient acknowledged or marked done (a
 * reply does not count) gets one escalation message — priority stat, category escalation, {@code about}
 * the original, in its thread — to the current coordinator of each of the patient's active teams.
 *
 * <p>Restart-safe and once only: the waits are rows in the database; each is decided in its own
 * transaction that locks the row ({@code FOR UPDATE SKIP LOCKED}, so a second server process on the
 * same database skips it) and stores the escalation message and the row's new state together.
 */
@Component
class Escalations implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Escalations.class);
	private static final int BATCH = 100;

	private final JdbcTemplate jdbc;
	private final DaoRegistry daos;
	private final ReceiptLedger ledger;
	private final TeamCoordinators coordinators;
	private final TransactionTemplate transactions;
	private final Clock clock;
	private final MessagingProperties properties;
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "zaitaku-message-escalations");
		thread.setDaemon(true);
		return thread;
	});

	Escalations(JdbcTemplate jdbc, DaoRegistry daos, ReceiptLedger ledger, TeamCoordinators coordinators,
			PlatformTransactionManager transactionManager, Clock clock, MessagingProperties properties) {
		this.jdbc = jdbc;
		this.daos = daos;
		this.ledger = ledger;
		this.coordinators = coordinators;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.properties = properties;
	}

	/** Starts once the server is ready: the job stores messages through HAPI, which must be up. */
	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		long every = Math.max(1, properties.escalationCheckInterval().toMillis());
		timer.scheduleWithFixedDelay(this::escalateQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	/** Decides every wait that is over by now; returns how many escalation messages were sent. */
	int escalateDue() {
		Instant now = clock.instant();
		List<String> due = jdbc.queryForList("SELECT message_id FROM zaitaku_message_escalation WHERE state = 'waiting' AND due_at <= ?"
				+ " ORDER BY due_at LIMIT " + BATCH, String.class, Timestamp.from(now));
		int sent = 0;
		for (String messageId : due) {
			try {
				Boolean escalated = transactions.execute(tx -> decide(messageId, now));
				sent += Boolean.TRUE.equals(escalated) ? 1 : 0;
			} catch (RuntimeException e) {
				log.warn("Escalating the urgent message Communication/{} failed; trying again in {}: {}", messageId,
						properties.escalationCheckInterval(), e.toString());
			}
		}
		return sent;
	}

	private boolean decide(String messageId, Instant now) {
		List<String> mine = jdbc.queryForList("SELECT message_id FROM zaitaku_message_escalation WHERE message_id = ? AND state = 'waiting'"
				+ " FOR UPDATE SKIP LOCKED", String.class, messageId);
		if (mine.isEmpty()) {
			return false; // decided meanwhile, or being decided by another server process
		}
		Communication message;
		try {
			message = (Communication) daos.getResourceDao("Communication").read(new IdType("Communication", messageId), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return settle(messageId, "gone", null, now);
		}
		if (ledger.isAcknowledged(messageId)) {
			return settle(messageId, "acknowledged", null, now);
		}
		if (!UrgentMessages.isUrgentTeamMessage(message)) {
			return settle(messageId, "not-urgent", null, now); // its priority was lowered meanwhile
		}
		String patient = Recipients.referenceOf(message.getSubject());
		Set<String> told = patient == null ? Set.of() : coordinators.of(patient);
		if (told.isEmpty()) {
			log.warn("The urgent message Communication/{} was not acknowledged within {}, and {} has no active team with a current coordinator to tell",
					messageId, properties.escalateAfter(), patient);
			return settle(messageId, "no-coordinator", null, now);
		}
		IdType escalation = (IdType) daos.getResourceDao("Communication").create(escalation(message, told, now), new SystemRequestDetails()).getId();
		log.info("The urgent message Communication/{} was not acknowledged within {}: escalated to {} as Communication/{}",
				messageId, properties.escalateAfter(), told, escalation.getIdPart());
		return settle(messageId, "escalated", escalation.getIdPart(), now);
	}

	private boolean settle(String messageId, String state, String escalationId, Instant now) {
		jdbc.update("UPDATE zaitaku_message_escalation SET state = ?, decided_at = ?, escalation_id = ? WHERE message_id = ?",
				state, Timestamp.from(now), escalationId, messageId);
		return escalationId != null;
	}

	private Communication escalation(Communication original, Set<String> coordinatorRefs, Instant now) {
		String id = original.getIdElement().getIdPart();
		Communication message = new Communication();
		message.setStatus(Communication.CommunicationStatus.COMPLETED);
		if (original.hasExtension(HomeCareGuide.Extensions.COMMUNICATION_THREAD)) {
			message.addExtension(original.getExtensionByUrl(HomeCareGuide.Extensions.COMMUNICATION_THREAD).copy());
		}
		message.addCategory(new CodeableConcept(new Coding(HomeCareGuide.MessageCategory.SYSTEM, HomeCareGuide.MessageCategory.ESCALATION,
				"未確認の緊急連絡")));
		message.setPriority(Communication.CommunicationPriority.STAT);
		message.setSubject(original.getSubject().copy());
		message.addAbout(new Reference("Communication/" + id));
		message.setSent(Date.from(now));
		message.setSender(original.getSender().copy());
		coordinatorRefs.forEach(coordinator -> message.addRecipient(new Reference(coordinator)));
		String topic = original.getTopic().hasText() ? "「" + original.getTopic().getText() + "」" : "";
		long minutes = properties.escalateAfter().toMinutes();
		message.addPayload().setContent(new StringType("緊急の連絡" + topic + "（" + original.getPriority().toCode() + "）が"
				+ minutes + "分以上どの宛先にも了解されていません。送信者と療養者の状況を確認してください。"
				+ " / An " + original.getPriority().toCode() + " message (Communication/" + id + ") has not been acknowledged by any recipient for "
				+ minutes + " minutes or more."));
		return message;
	}

	private void escalateQuietly() {
		try {
			escalateDue();
		} catch (RuntimeException e) {
			log.warn("Looking for unacknowledged urgent messages failed; trying again in {}: {}", properties.escalationCheckInterval(), e.toString());
		}
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}
}
