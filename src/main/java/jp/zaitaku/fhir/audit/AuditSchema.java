package jp.zaitaku.fhir.audit;

import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the audit trail's table (db/audit-schema.sql) at start-up, with security on or off: every
 * bean that writes or reads the trail takes this one as a constructor argument and is built after it.
 */
@Component
public class AuditSchema {

	public AuditSchema(DataSource dataSource) {
		new ResourceDatabasePopulator(new ClassPathResource("db/audit-schema.sql")).execute(dataSource);
	}
}
