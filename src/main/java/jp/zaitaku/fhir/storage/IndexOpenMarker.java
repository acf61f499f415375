package jp.zaitaku.fhir.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Tells whether the server stopped cleanly last time, and if not, since when the full-text index may
 * have missed writes.
 *
 * <p>Index changes are made visible to searches at once but committed to disk about once a second
 * (committing each write would cost two thirds of the write throughput). A crash can therefore lose
 * the last moments of index changes while the database keeps them. While the server runs, this file
 * holds a heartbeat, renewed every few seconds; a clean shutdown deletes it after Hibernate Search
 * has committed and closed the index (the EntityManagerFactory depends on this bean, so it is
 * destroyed first). Finding the file at start-up means the last run ended abruptly, and resources
 * updated since shortly before its last heartbeat are re-indexed ({@link FullTextIndexStartupCheck}).
 */
public class IndexOpenMarker implements DisposableBean {

	static final String FILE = "zaitaku-index-open.txt";
	static final Duration HEARTBEAT = Duration.ofSeconds(5);
	private static final Logger log = LoggerFactory.getLogger(IndexOpenMarker.class);

	private final Path file;
	private final Optional<Instant> lastHeartbeatOfAnUncleanRun;
	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "fulltext-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	public IndexOpenMarker(Path luceneDir) {
		this.file = luceneDir.resolve(FILE);
		this.lastHeartbeatOfAnUncleanRun = readLeftoverHeartbeat();
		lastHeartbeatOfAnUncleanRun.ifPresent(at -> log.warn(
				"The last run did not stop cleanly (last heartbeat {}); recent full-text index changes will be redone", at));
		beat();
		heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The last heartbeat of the previous run, if that run did not stop cleanly. */
	public Optional<Instant> lastHeartbeatOfAnUncleanRun() {
		return lastHeartbeatOfAnUncleanRun;
	}

	private Optional<Instant> readLeftoverHeartbeat() {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim()));
		} catch (IOException | DateTimeParseException unreadable) {
			// A torn write at the moment of the crash: assume the worst, redo everything recent.
			return Optional.of(Instant.EPOCH);
		}
	}

	private void beat() {
		try {
			Files.createDirectories(file.getParent());
			Path next = file.resolveSibling(FILE + ".next");
			Files.writeString(next, Instant.now().toString(), StandardCharsets.UTF_8);
			Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			log.error("Could not write the full-text index heartbeat {}", file, e);
		}
	}

	@Override
	public void destroy() {
		heartbeat.shutdownNow();
		try {
			Files.deleteIfExists(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
