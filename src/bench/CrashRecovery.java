import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the server takes to be ready again after a kill -9 that left the full-text index behind,
 * and whether every message is found by {@code _content} the moment it is.
 *
 * <p>Starts the jar in open development mode on a fresh data directory (127.0.0.1 only), stores
 * {@code --messages} Communications in transactions of 100, kills the JVM with SIGKILL, starts it
 * again and times: the API answering ({@code /fhir/metadata}), full-text searches answering 503 meanwhile,
 * readiness ({@code /actuator/health/readiness} 200), and then counts the messages found by
 * {@code _content}. A polite stop and start follow, for comparison. Run:
 *
 * <pre>java src/bench/CrashRecovery.java [--jar target/zaitaku-fhir.jar] [--messages 5000] [--port 18190]</pre>
 */
public class CrashRecovery {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final String WORD = "巡回訪問";
	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	public static void main(String[] args) throws Exception {
		String jar = option(args, "--jar", "target/zaitaku-fhir.jar");
		int messages = Integer.parseInt(option(args, "--messages", "5000"));
		int port = Integer.parseInt(option(args, "--port", "18190"));
		Path dataDir = Files.createTempDirectory("zaitaku-crash-recovery");
		String base = "http://127.0.0.1:" + port;
		Process server = start(jar, port, dataDir, "first");
		try {
			awaitReady(base, server);
			String patient = post(base + "/fhir/Patient", """
					{"resourceType":"Patient","identifier":[{"system":"urn:zaitaku:bench","value":"crash"}],
					 "name":[{"text":"練馬 花子","family":"練馬","given":["花子"]}]}""", ID);
			long loadStart = System.nanoTime();
			for (int stored = 0; stored < messages; stored += 100) {
				post(base + "/fhir", transaction(patient, Math.min(100, messages - stored)), null);
			}
			double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
			System.out.printf("stored %d Communications in %.1f s%n", messages, loadSeconds);

			server.destroyForcibly().waitFor(); // kill -9: no shutdown hook, the index's last commits are lost
			long restart = System.nanoTime();
			server = start(jar, port, dataDir, "after-kill");
			Timings afterKill = timeRestart(base, server, restart);
			long found = count(base);
			System.out.printf("after kill -9: API up %.1f s, ready %.1f s, full-text searches answered 503 meanwhile: %d,"
					+ " found by _content when ready: %d of %d%n",
					afterKill.apiUp, afterKill.ready, afterKill.refusedSearches, found, messages);

			server.destroy(); // SIGTERM: a polite stop
			server.waitFor();
			restart = System.nanoTime();
			server = start(jar, port, dataDir, "after-stop");
			Timings afterStop = timeRestart(base, server, restart);
			System.out.printf("after a polite stop: API up %.1f s, ready %.1f s%n", afterStop.apiUp, afterStop.ready);
			if (found != messages) {
				System.exit(1);
			}
		} finally {
			server.destroy();
			server.waitFor();
			System.out.println("server logs and data: " + dataDir);
		}
	}

	private record Timings(double apiUp, double ready, int refusedSearches) {}

	private static Timings timeRestart(String base, Process server, long since) throws Exception {
		Double apiUp = null;
		int refused = 0;
		String search = base + "/fhir/Communication?_summary=count&_content=" + URLEncoder.encode(WORD, StandardCharsets.UTF_8);
		while (true) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server exited during its start");
			}
			if (apiUp == null && status(base + "/fhir/metadata") == 200) {
				apiUp = (System.nanoTime() - since) / 1e9;
			}
			if (apiUp != null && status(search) == 503) {
				refused++;
			}
			if (status(base + "/actuator/health/readiness") == 200) {
				double ready = (System.nanoTime() - since) / 1e9;
				return new Timings(apiUp == null ? ready : apiUp, ready, refused);
			}
			Thread.sleep(200);
		}
	}

	private static long count(String base) throws Exception {
		String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/fhir/Communication?_summary=count&_content="
				+ URLEncoder.encode(WORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher total = TOTAL.matcher(body);
		return total.find() ? Long.parseLong(total.group(1)) : -1;
	}

	private static String transaction(String patient, int size) {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			entries.add("""
					{"resource":{"resourceType":"Communication","status":"completed",
					 "extension":[{"url":"https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread",
					  "valueIdentifier":{"system":"https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread","value":"urn:uuid:%s"}}],
					 "category":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/message-category","code":"report","display":"報告"}]}],
					 "subject":{"reference":"Patient/%s"},"sent":"2026-12-01T21:30:00+09:00","sender":{"reference":"Patient/%s"},
					 "recipient":[{"display":"在宅チーム"}],"payload":[{"contentString":"夜間の%sで異常なし（%d）"}]},
					 "request":{"method":"POST","url":"Communication"}}""".formatted(UUID.randomUUID(), patient, patient, WORD, i));
		}
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	private static Process start(String jar, int port, Path dataDir, String name) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar).redirectErrorStream(true).redirectOutput(dataDir.resolve(name + ".log").toFile());
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("ZAITAKU_DATA_DIR", dataDir.toString());
		builder.environment().put("ZAITAKU_SECURITY_ENABLED", "false");
		return builder.start();
	}

	private static void awaitReady(String base, Process server) throws Exception {
		timeRestart(base, server, System.nanoTime());
	}

	private static int status(String url) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		} catch (IOException | InterruptedException notYet) {
			return -1;
		}
	}

	/** Posts FHIR JSON; returns the first match of {@code pick} in the answer, or null. */
	private static String post(String url, String json, Pattern pick) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/fhir+json; charset=UTF-8")
				.timeout(Duration.ofMinutes(2))
				.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		if (pick == null) {
			return null;
		}
		Matcher match = pick.matcher(response.body());
		return match.find() ? match.group(1) : null;
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}
}
