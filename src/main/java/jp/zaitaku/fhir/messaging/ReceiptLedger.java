package jp.zaitaku.fhir.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who read which team message, in table {@code zaitaku_message_receipt}: one row per message, reader
 * and status, naming the ZaitakuMessageReceipt resource that records it. The resources are what
 * clients read; the rows answer "has this person read it" and "has anyone acknowledged it" without a
 * search. Both are written in one transaction by {@link MarkReadProvider}, the only writer of receipts.
 */
@Component
class ReceiptLedger {

	/** A reader's receipt of one status. */
	record Entry(String messageId, String reader, ReceiptStatus status, String receiptId, Instant recordedAt) {}

	private final JdbcTemplate jdbc;

	ReceiptLedger(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises {@code $mark-read} calls for one message and reader until the current transaction
	 * ends, so a double click records one receipt, not two.
	 */
	void lockReader(String messageId, String reader) {
		jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "zaitaku-receipt|" + messageId + "|" + reader);
	}

	Optional<String> receiptOf(String messageId, String reader, ReceiptStatus status) {
		return jdbc.queryForList("SELECT receipt_id FROM zaitaku_message_receipt WHERE message_id = ? AND reader = ? AND status = ?",
				String.class, messageId, reader, status.code()).stream().findFirst();
	}

	void record(String messageId, String reader, ReceiptStatus status, String receiptId, Instant at) {
		jdbc.update("INSERT INTO zaitaku_message_receipt (message_id, reader, status, receipt_id, recorded_at) VALUES (?, ?, ?, ?, ?)",
				messageId, reader, status.code(), receiptId, Timestamp.from(at));
	}

	/** Every receipt of a message, oldest first. */
	List<Entry> receiptsOf(String messageId) {
		return jdbc.query("SELECT message_id, reader, status, receipt_id, recorded_at FROM zaitaku_message_receipt"
				+ " WHERE message_id = ? ORDER BY recorded_at, reader, status",
				(row, n) -> new Entry(row.getString(1), row.getString(2), ReceiptStatus.of(row.getString(3)), row.getString(4),
						row.getTimestamp(5).toInstant()), messageId);
	}

	/** Which of {@code messageIds} {@code reader} has a receipt of, whatever its status. */
	Set<String> readBy(String reader, Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.queryForList("SELECT DISTINCT message_id FROM zaitaku_message_receipt WHERE reader = ? AND message_id = ANY (?)",
				String.class, reader, messageIds.toArray(String[]::new)));
	}

	/** Whether any reader acknowledged the message or marked it done. */
	boolean isAcknowledged(String messageId) {
		return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM zaitaku_message_receipt WHERE message_id = ?"
				+ " AND status IN ('acknowledged', 'done'))", Boolean.class, messageId));
	}
}
