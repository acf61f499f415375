package jp.zaitaku.fhir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server as an operator runs it: a separate JVM on a data directory, which a test can stop
 * politely or kill outright. Used where the shared in-process server cannot go (restarts, crashes).
 */
public final class ServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final Process process;
	private final int port;

	private ServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** In open development mode: the runs about durability need no tokens (and check that mode too). */
	public static ServerProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
		return start(dataDir, log, Map.of("ZAITAKU_SECURITY_ENABLED", "false"));
	}

	/** With these environment variables (settings) on top of port and data directory. */
	public static ServerProcess start(Path dataDir, Path log, Map<String, String> environment)
			throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m",
				"-cp", System.getProperty("java.class.path"),
				ZaitakuFhirApplication.class.getName()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("ZAITAKU_DATA_DIR", dataDir.toString());
		builder.environment().putAll(environment);
		ServerProcess server = new ServerProcess(builder.start(), port);
		server.awaitReady();
		return server;
	}

	public int port() {
		return port;
	}

	public String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	private void awaitReady() throws InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("server exited with " + process.exitValue() + " before it was ready");
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata")).build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("server not ready within " + START_TIMEOUT);
	}

	/** kill -9: no shutdown hook runs, the embedded PostgreSQL is orphaned. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	/** SIGTERM: a graceful shutdown, as systemd or Docker would do. */
	public int stop() throws InterruptedException {
		process.destroy();
		return process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			stop();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
