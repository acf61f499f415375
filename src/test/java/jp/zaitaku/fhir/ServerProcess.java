package jp.zaitaku.fhir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server as an operator runs it: a separate JVM on a data directory, which a test can stop
 * politely or kill outright. Used where the shared in-process server cannot go (restarts, crashes).
 *
 * <p>It listens on 127.0.0.1 only and never outlives the test: a start that fails or times out
 * kills it; {@link #close()} stops it (and kills it if it will not stop), then stops a PostgreSQL it
 * left on its data directory; and if the test JVM itself dies, the child notices its standard input
 * close and shuts down ({@link ServerProcessMain}).
 */
public final class ServerProcess implements AutoCloseable {

	/** A first start on a busy two-core machine has taken over three minutes. */
	private static final Duration START_TIMEOUT = TestTime.scaled(Duration.ofMinutes(6));
	private static final Duration STOP_TIMEOUT = TestTime.scaled(Duration.ofSeconds(60));

	private final Process process;
	private final OutputStream lifeline;
	private final int port;
	private final Path dataDir;
	private final Path log;

	private ServerProcess(Process process, int port, Path dataDir, Path log) {
		this.process = process;
		this.lifeline = process.getOutputStream();
		this.port = port;
		this.dataDir = dataDir;
		this.log = log;
	}

	/** In open development mode: the runs about durability need no tokens (and check that mode too). */
	public static ServerProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
		return start(dataDir, log, Map.of("ZAITAKU_SECURITY_ENABLED", "false"));
	}

	/** With these environment variables (settings) on top of address, port and data directory. */
	public static ServerProcess start(Path dataDir, Path log, Map<String, String> environment)
			throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m",
				"-cp", System.getProperty("java.class.path"),
				ServerProcessMain.class.getName()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("ZAITAKU_DATA_DIR", dataDir.toString());
		builder.environment().putAll(environment);
		ServerProcess server = new ServerProcess(builder.start(), port, dataDir, log);
		try {
			server.awaitReady();
		} catch (RuntimeException | InterruptedException | Error notReady) {
			server.kill();
			server.stopLeftoverPostgres();
			throw notReady;
		}
		return server;
	}

	public int port() {
		return port;
	}

	/** The lines the server has logged at ERROR so far: a healthy server logs none. */
	public List<String> errorsLogged() throws IOException {
		return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(" ERROR ")).toList();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	/** What a load balancer asks: ready means the database answers and the full-text index is whole. */
	private String readinessUrl() {
		return "http://127.0.0.1:" + port + "/actuator/health/readiness";
	}

	private void awaitReady() throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("server exited with " + process.exitValue() + " before it was ready; see " + log);
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(readinessUrl())).timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("server not ready within " + START_TIMEOUT + "; see " + log);
	}

	/** kill -9: no shutdown hook runs; the embedded PostgreSQL is orphaned until its watchdog or the next start stops it. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** SIGTERM: a graceful shutdown, as systemd or Docker would do. Returns the exit code. */
	public int stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			kill();
			throw new IllegalStateException("server did not stop within " + STOP_TIMEOUT + " of SIGTERM; killed. See " + log);
		}
		return process.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		try {
			if (process.isAlive()) {
				stop();
			}
		} finally {
			closeQuietly(lifeline);
			stopLeftoverPostgres();
		}
	}

	/** A PostgreSQL still holding the data directory after its server is gone (killed, or stopped too late). */
	private void stopLeftoverPostgres() throws InterruptedException {
		Optional<ProcessHandle> postmaster = postmaster(dataDir.resolve("postgres"));
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle postgres = postmaster.get();
		postgres.destroy();
		try {
			postgres.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		} catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException stuck) {
			postgres.destroyForcibly();
		}
	}

	private static Optional<ProcessHandle> postmaster(Path postgresDir) {
		try {
			Path pidFile = postgresDir.resolve("postmaster.pid");
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
			return ProcessHandle.of(Long.parseLong(firstLine))
					.filter(ProcessHandle::isAlive)
					.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		} catch (IOException | NumberFormatException unreadable) {
			return Optional.empty();
		}
	}

	private static void closeQuietly(OutputStream stream) {
		try {
			stream.close();
		} catch (IOException alreadyClosed) {
			// nothing to do
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
