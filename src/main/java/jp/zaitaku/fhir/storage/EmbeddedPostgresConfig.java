package jp.zaitaku.fhir.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: a real PostgreSQL started by the server itself, its cluster kept under
 * {@code <data dir>/postgres} so that data survives restarts. Used only when no
 * {@code SPRING_DATASOURCE_URL} is given; with one, Spring Boot's own DataSource takes over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfig {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);

	@Bean(destroyMethod = "close")
	public EmbeddedPostgres embeddedPostgres(StorageProperties storage) throws IOException {
		CompletableFuture<EmbeddedPostgres> early = EarlyEmbeddedPostgresStart.take(storage.postgresDir());
		return early != null ? early.join() : start(storage);
	}

	static EmbeddedPostgres start(StorageProperties storage) {
		try {
			Files.createDirectories(storage.postgresDir());
			new StalePostmasterGuard(storage.postgresDir()).stopLeftoverPostmaster();
			log.info("Starting embedded PostgreSQL in {}", storage.postgresDir());
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setDataDirectory(storage.postgresDir())
					.setCleanDataDirectory(false)
					.setPort(storage.embeddedPostgresPort())
					// The library is made for throwaway test databases: it starts PostgreSQL with fsync
					// off (-F) and synchronous_commit off. A committed FHIR write must survive a crash.
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on")
					.setServerConfig("full_page_writes", "on")
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", "100")
					.setLocaleConfig("encoding", "UTF8")
					.setLocaleConfig("locale", "C")
					// A first start on a busy two-core machine (initdb, then recovery) has taken minutes.
					.setPGStartupWait(Duration.ofMinutes(5))
					// Stopped by this bean's destroy method, after everything that uses the database is
					// closed, not by the library's own shutdown hook, which raced the closing application
					// and cut HAPI's last background work off mid-statement.
					.setRegisterShutdownHook(false)
					.start();
			PostmasterWatchdog.follow(storage.postgresDir());
			return postgres;
		} catch (IOException e) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + storage.postgresDir(), e);
		}
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	public HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		return dataSource;
	}
}
