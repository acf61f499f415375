package jp.zaitaku.fhir.security;

import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the authorization server's tables (db/security-schema.sql) at start-up. The JDBC services
 * of Spring Authorization Server read the column types once when they are built, so every bean that
 * touches these tables takes this one as a constructor argument and is built after it.
 */
@Component
@SecurityEnabled
public class SecuritySchema {

	public SecuritySchema(DataSource dataSource) {
		new ResourceDatabasePopulator(new ClassPathResource("db/security-schema.sql")).execute(dataSource);
	}
}
