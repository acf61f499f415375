package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the FHIR schema with HAPI's own versioned migration tasks — the same ones
 * {@code hapi-fhir-cli migrate-database} runs — before Hibernate starts. An empty database gets the
 * current schema in one step; an existing one gets only the tasks it has not yet applied (recorded in
 * {@value #MIGRATION_TABLE}), under a database lock so two servers never migrate at once. Hibernate
 * itself never alters the schema ({@code hbm2ddl.auto=none}).
 */
public class DatabaseSchemaMigrator {

	static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
	private static final Logger log = LoggerFactory.getLogger(DatabaseSchemaMigrator.class);

	private final DataSource dataSource;

	public DatabaseSchemaMigrator(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public MigrationResult migrate() {
		HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, DriverTypeEnum.POSTGRES_9_4);
		migrator.createMigrationTableIfRequired();
		migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
		MigrationResult result = migrator.migrate();
		log.info("Database schema is current: {}", result.summary());
		return result;
	}
}
