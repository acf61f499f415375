package jp.zaitaku.fhir.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL within seconds when the JVM that started it dies without stopping
 * it (kill -9, the OOM killer, a test runner killed at its time limit).
 *
 * <p>{@code pg_ctl} daemonises the postmaster, so nothing else ties it to the JVM: left alone it
 * holds its memory and the data directory until the next start of the server finds and stops it
 * ({@link StalePostmasterGuard}). A tiny shell loop, started next to it, watches both processes
 * and asks the postmaster for a fast shutdown (SIGINT: open transactions are rolled back, committed
 * ones are already on disk) once the JVM is gone. It ends by itself when the postmaster stops.
 */
final class PostmasterWatchdog {

	private static final Logger log = LoggerFactory.getLogger(PostmasterWatchdog.class);

	private PostmasterWatchdog() {}

	static void follow(Path postgresDir) {
		try {
			Optional<ProcessHandle> postmaster = StalePostmasterGuard.runningPostmaster(postgresDir);
			if (postmaster.isEmpty()) {
				return;
			}
			long jvm = ProcessHandle.current().pid();
			long postgres = postmaster.get().pid();
			String loop = "while kill -0 " + jvm + " 2>/dev/null && kill -0 " + postgres + " 2>/dev/null; do sleep 1; done; "
					+ "kill -0 " + jvm + " 2>/dev/null || kill -INT " + postgres + " 2>/dev/null; exit 0";
			new ProcessBuilder("/bin/sh", "-c", loop)
					.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start();
		} catch (IOException | RuntimeException noShell) {
			// Without /bin/sh (an unusual image) the next start still stops an orphan.
			log.debug("No watchdog for the embedded PostgreSQL: {}", noShell.toString());
		}
	}
}
