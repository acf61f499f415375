package jp.zaitaku.fhir.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit trail (監査証跡) is kept besides its table.
 *
 * @param logJson also write every event as one line of FHIR JSON to the logger {@code zaitaku.audit},
 *     for a SIEM or log collector; the table is written either way
 * @param maxPatients the most patients one event names (a search over many patients names the first
 *     ones it returned); the event says in its description when some were left out
 * @param waitForDiskOnReads {@code true}: a read's event is flushed to disk before the answer is sent;
 *     {@code false} (default): it is committed before the answer is sent but PostgreSQL writes it to
 *     disk within a fraction of a second (asynchronous commit). A killed server loses nothing either
 *     way (PostgreSQL holds the commit); only a crash of PostgreSQL or the machine in that fraction of
 *     a second could. Writes' events always commit with the write, on disk.
 */
@ConfigurationProperties(prefix = "zaitaku.audit")
public record AuditProperties(
		@DefaultValue("false") boolean logJson,
		@DefaultValue("100") int maxPatients,
		@DefaultValue("false") boolean waitForDiskOnReads) {}
