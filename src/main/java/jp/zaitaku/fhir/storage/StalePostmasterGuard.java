package jp.zaitaku.fhir.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL left running by a JVM that was killed (kill -9, OOM killer).
 *
 * <p>The embedded postmaster is daemonised by {@code pg_ctl}, so it outlives a killed JVM and keeps
 * the data directory locked. Left alone, the next start either fails or silently talks to the
 * orphan. We read its PID from {@code postmaster.pid}, ask it to shut down (SIGTERM lets it
 * finish cleanly), and only force it if it will not go.
 */
final class StalePostmasterGuard {

	private static final Logger log = LoggerFactory.getLogger(StalePostmasterGuard.class);
	private static final Duration GRACE = Duration.ofSeconds(30);

	private final Path dataDirectory;

	StalePostmasterGuard(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	void stopLeftoverPostmaster() throws IOException {
		Optional<ProcessHandle> postmaster = leftoverPostmaster();
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle process = postmaster.get();
		log.warn("A PostgreSQL (pid {}) from an earlier run still holds {}; stopping it", process.pid(), dataDirectory);
		process.destroy();
		try {
			process.onExit().get(GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		} catch (Exception notYet) {
			log.warn("PostgreSQL pid {} did not stop in {}s; killing it", process.pid(), GRACE.toSeconds());
			process.destroyForcibly();
			process.onExit().join();
		}
	}

	private Optional<ProcessHandle> leftoverPostmaster() throws IOException {
		return runningPostmaster(dataDirectory);
	}

	/** The postgres server process that holds {@code dataDirectory}, if one is running. */
	static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty() || lines.get(0).isBlank()) {
			return Optional.empty();
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).trim());
		} catch (NumberFormatException corrupt) {
			return Optional.empty();
		}
		// A recycled PID may belong to anything; only stop a process that is a postgres server.
		return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
	}
}
