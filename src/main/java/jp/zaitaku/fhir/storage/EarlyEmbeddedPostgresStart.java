package jp.zaitaku.fhir.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL on a second thread as soon as the settings are known, before Spring
 * builds its beans, so the two overlap on a two-core machine (a few seconds of every start).
 * {@link EmbeddedPostgresConfig} then takes the running database instead of starting one itself.
 * Registered in META-INF/spring.factories, because it runs before the application context exists.
 */
public class EarlyEmbeddedPostgresStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Map<Path, CompletableFuture<EmbeddedPostgres>> STARTING = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
			return;
		}
		StorageProperties storage = Binder.get(environment)
				.bind("zaitaku.storage", StorageProperties.class)
				.orElseGet(() -> new StorageProperties(null, 0));
		STARTING.computeIfAbsent(storage.postgresDir(), dir -> CompletableFuture.supplyAsync(
				() -> EmbeddedPostgresConfig.start(storage),
				runnable -> {
					Thread thread = new Thread(runnable, "embedded-postgres-start");
					thread.setDaemon(true);
					thread.start();
				}));
	}

	/** The database started early for this directory, or null if none was. */
	static CompletableFuture<EmbeddedPostgres> take(Path postgresDir) {
		return STARTING.remove(postgresDir);
	}
}
