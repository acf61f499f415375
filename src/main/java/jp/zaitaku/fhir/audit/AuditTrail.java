package jp.zaitaku.fhir.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.zaitaku.fhir.access.CallerAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * The audit trail (監査証跡) in table {@code zaitaku_audit_event}: one INSERT per event, joining the
 * caller's database transaction if there is one; reads and searches limited in SQL to what the
 * caller may see. Nothing here updates or deletes a row. With {@code zaitaku.audit.log-json} each
 * event is also one JSON line on the logger {@code zaitaku.audit}.
 */
@Component
class AuditTrail {

	/** The logger a SIEM's log route picks up; its name is part of the documented interface. */
	static final String LOGGER_NAME = "zaitaku.audit";

	private static final Logger jsonLog = LoggerFactory.getLogger(LOGGER_NAME);
	private static final String INSERT = "INSERT INTO zaitaku_audit_event "
			+ "(id, recorded, patients, agents, client_id, action, subtype, outcome, purpose, resource, entities, address) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final JdbcTemplate jdbc;
	private final boolean logJson;
	private final boolean waitForDiskOnReads;

	AuditTrail(JdbcTemplate jdbc, AuditProperties properties) {
		this.jdbc = jdbc;
		this.logJson = properties.logJson();
		this.waitForDiskOnReads = properties.waitForDiskOnReads();
	}

	/**
	 * Stores the event, inside the transaction bound to this thread if there is one (Spring's
	 * JpaTransactionManager exposes HAPI's JDBC connection, and JdbcTemplate takes it), else on
	 * its own and committed when this returns.
	 */
	void insert(AuditEntry entry) {
		if (!waitForDiskOnReads && !TransactionSynchronizationManager.isActualTransactionActive()) {
			insertWithoutWaitingForDisk(entry);
			return;
		}
		jdbc.update(connection -> {
			PreparedStatement insert = connection.prepareStatement(INSERT);
			bind(insert, connection, entry);
			return insert;
		});
	}

	/**
	 * An event of its own (a read, a refusal) in a transaction that commits without waiting for the
	 * disk flush: the one fsync per read was the largest cost of the audit trail on a slow disk.
	 */
	private void insertWithoutWaitingForDisk(AuditEntry entry) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (Statement setting = connection.createStatement(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
				setting.execute("SET LOCAL synchronous_commit TO OFF");
				bind(insert, connection, entry);
				insert.executeUpdate();
				connection.commit();
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			} finally {
				connection.setAutoCommit(autoCommit);
			}
			return null;
		});
	}

	private static void bind(PreparedStatement insert, Connection connection, AuditEntry entry) throws SQLException {
		insert.setString(1, entry.id());
		insert.setTimestamp(2, Timestamp.from(entry.recorded()));
		insert.setArray(3, textArray(connection, entry.patients()));
		insert.setArray(4, textArray(connection, entry.agents()));
		insert.setString(5, entry.clientId());
		insert.setString(6, entry.action());
		insert.setString(7, entry.subtype());
		insert.setInt(8, entry.outcome());
		insert.setString(9, entry.purpose());
		insert.setString(10, entry.json());
		insert.setArray(11, textArray(connection, entry.entities()));
		insert.setString(12, entry.address());
	}

	/** The JSON line for the SIEM, when configured; called once the event is stored for good. */
	void log(AuditEntry entry) {
		if (logJson) {
			jsonLog.info(entry.json());
		}
	}

	boolean logsJson() {
		return logJson;
	}

	/** The event's JSON, if it exists and the caller may see it. */
	Optional<String> read(String id, CallerAccess access) {
		List<Object> args = new ArrayList<>();
		args.add(id);
		String sql = "SELECT resource FROM zaitaku_audit_event WHERE id = ?" + visibleTo(access, args);
		return jdbc.queryForList(sql, String.class, args.toArray()).stream().findFirst();
	}

	/**
	 * One page of the events matching {@code query} that the caller may see, newest first. Asks for
	 * one row more than the page, so the caller knows whether there is a next page.
	 */
	List<String> search(AuditQuery query, CallerAccess access, int offset, int count) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT resource FROM zaitaku_audit_event WHERE " + matching(query, access, args)
				+ " ORDER BY recorded DESC, id DESC OFFSET ? LIMIT ?";
		args.add(offset);
		args.add(count + 1);
		return jdbc.queryForList(sql, String.class, args.toArray());
	}

	/** How many events match {@code query} among those the caller may see (for {@code _total=accurate}, {@code _summary=count}). */
	int count(AuditQuery query, CallerAccess access) {
		List<Object> args = new ArrayList<>();
		Integer count = jdbc.queryForObject("SELECT count(*) FROM zaitaku_audit_event WHERE " + matching(query, access, args),
				Integer.class, args.toArray());
		return count == null ? 0 : count;
	}

	private static String matching(AuditQuery query, CallerAccess access, List<Object> args) {
		StringBuilder sql = new StringBuilder("true");
		if (query.patient() != null) {
			sql.append(" AND patients @> ARRAY[?]::text[]");
			args.add(query.patient());
		}
		if (query.agent() != null) {
			sql.append(" AND agents @> ARRAY[?]::text[]");
			args.add(query.agent());
		}
		if (query.clientId() != null) {
			sql.append(" AND client_id = ?");
			args.add(query.clientId());
		}
		if (query.from() != null) {
			sql.append(" AND recorded >= ?");
			args.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND recorded <= ?");
			args.add(Timestamp.from(query.to()));
		}
		if (query.entity() != null) {
			sql.append(" AND entities @> ARRAY[?]::text[]");
			args.add(query.entity());
		}
		if (query.address() != null) {
			sql.append(" AND address LIKE ?");
			args.add(query.address().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (query.entityTypes().contains(AuditQuery.PERSON) && !query.entityTypes().contains(AuditQuery.SYSTEM_OBJECT)) {
			sql.append(" AND cardinality(patients) > 0");
		} else if (query.entityTypes().contains(AuditQuery.SYSTEM_OBJECT) && !query.entityTypes().contains(AuditQuery.PERSON)) {
			sql.append(" AND EXISTS (SELECT 1 FROM unnest(entities) AS entity WHERE entity NOT LIKE 'Patient/%')");
		}
		if (query.matchesNothing()) {
			sql.append(" AND false");
		}
		anyOf(sql, args, "outcome", query.outcomes());
		anyOf(sql, args, "purpose", query.purposes());
		anyOf(sql, args, "subtype", query.subtypes());
		anyOf(sql, args, "action", query.actions());
		sql.append(visibleTo(access, args));
		return sql.toString();
	}

	/**
	 * The SQL condition (appended with AND) limiting the trail to what {@code access} may see: all of
	 * it for auditors and unrestricted callers; otherwise only events about patients, all of whom the
	 * caller may reach. An event naming another patient too stays hidden (it would tell who else was
	 * looked at), and so do events about no patient.
	 */
	static String visibleTo(CallerAccess access, List<Object> args) {
		if (access.mayReadEveryAuditEvent()) {
			return "";
		}
		args.add(access.patientIds().toArray(String[]::new));
		return " AND cardinality(patients) > 0 AND patients <@ ?::text[]";
	}

	private static void anyOf(StringBuilder sql, List<Object> args, String column, List<?> values) {
		if (values.isEmpty()) {
			return;
		}
		sql.append(" AND ").append(column).append(" IN (")
				.append(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))).append(')');
		args.addAll(values);
	}

	private static Array textArray(Connection connection, List<String> values) throws SQLException {
		return connection.createArrayOf("text", values.toArray(String[]::new));
	}
}
