import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Zaitaku FHIR benchmark: starts the server jar (or uses one already running on loopback), drives
 * create / read / search / transaction / full-text load at a fixed concurrency, and writes the
 * figures next to the plain HAPI starter anchor into docs/benchmarks.md.
 *
 * <p>Run with the JDK 17 source launcher, no dependencies: {@code java src/bench/Benchmark.java --help}.
 * Usually started through {@code bash src/bench/run-benchmark.sh}.
 */
public class Benchmark {

	static final String FHIR_JSON = "application/fhir+json";
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
	/** How many error responses per phase are kept verbatim for the report. */
	static final int ERROR_SAMPLES = 3;

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		} catch (IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			System.err.println(Options.USAGE);
			System.exit(64);
			return;
		}
		if (options.help) {
			System.out.println(Options.USAGE);
			return;
		}
		System.exit(new Benchmark(options).run());
	}

	// ---------------------------------------------------------------------------------------------
	// Options
	// ---------------------------------------------------------------------------------------------

	static final class Options {
		static final String USAGE = """
				usage: java src/bench/Benchmark.java [options]
				  --jar PATH             server jar to start (default target/zaitaku-fhir.jar)
				  --port N               SERVER_PORT for the started server (default 8095)
				  --jvm-opts "OPTS"      JVM options for the started server, split on spaces (default none)
				  --server-env K=V       extra environment for the started server (repeatable)
				  --base-url URL         measure an already running server instead, e.g. http://127.0.0.1:8080/fhir
				                         (no start, no cold start; loopback only)
				  --pid N                with --base-url: the server's pid, for its resident memory
				  --header 'Name: value' extra request header, e.g. Authorization (repeatable)
				  --client-id ID         client_credentials client for the access token (default zaitaku-dev,
				                         which the started server's dev profile registers)
				  --client-secret S      its secret (default dev-secret)
				  --care-team-client     care-team data and a care-team-restricted load: the started server also
				                         registers the backend client bench-care-team of the organisation
				                         Organization/bench-houmon-kango; a setup (not timed, with the client
				                         above) enrols a pool of patients on that organisation's teams and 10 %
				                         more on another organisation's, and every timed request then uses the
				                         restricted client's token. With --server-env ZAITAKU_SECURITY_ENABLED=false
				                         the same setup and load run without tokens: the open-mode run to compare
				  --care-team-patients N with --care-team-client: the organisation's patients (default 1000; the
				                         server reads at most 2000 teams per member, so keep it below that)
				  --concurrency N        client threads / connections (default 8)
				  --warmup S             warm-up seconds before every measured window (default 5)
				  --duration S           measured seconds per request phase (default 20)
				  --tx-duration S        measured seconds of transaction ingest (default 60)
				  --communications N     Communications to load for full-text search; 0 skips it (default 100000)
				  --terms a,b,c          _content search terms (default: ten Japanese home-care words)
				  --start-timeout S      give up on the server starting after S seconds (default 300)
				  --load-timeout S       give up on the Communication load after S seconds (default 3600)
				  --label NAME           label of this run, e.g. "open mode" or "validation on"
				  --append               add this run as a new section instead of replacing the generated part
				  --extracted            start the server as docker/Dockerfile does: the jar extracted into its
				                         own jar and lib/ (Spring Boot's jarmode tools) with a class data
				                         sharing archive (docker/class-data-archive.sh); neither is timed
				  --no-cds               with --extracted: no class data sharing archive
				  --out PATH             report file (default docs/benchmarks.md)
				  --help                 this text
				Exits 2 if the server did not start, 3 if the care-team setup failed, 1 if more than 1 % of
				requests failed, else 0.
				""";

		static final List<String> DEFAULT_TERMS = List.of(
				"嚥下", "褥瘡", "服薬", "訪問看護", "血圧", "ケアマネジャー", "看取り", "練馬区", "ヘルパー", "転倒");

		/** The options that take a value; --append, --care-team-client, --extracted, --no-cds and --help are the only flags. */
		static final List<String> VALUED = List.of("--jar", "--port", "--jvm-opts", "--server-env", "--base-url", "--pid",
				"--header", "--concurrency", "--warmup", "--duration", "--tx-duration", "--communications", "--terms",
				"--start-timeout", "--load-timeout", "--label", "--out", "--client-id", "--client-secret",
				"--care-team-patients");

		String jar = "target/zaitaku-fhir.jar";
		int port = 8095;
		String jvmOpts = "";
		List<String> serverEnv = new ArrayList<>();
		String baseUrl;
		long pid = -1;
		List<String> headers = new ArrayList<>();
		String clientId;
		String clientSecret;
		boolean careTeamClient;
		boolean extracted;
		boolean classDataSharing = true;
		Integer careTeamPatients;
		int concurrency = 8;
		int warmupSeconds = 5;
		int durationSeconds = 20;
		int txDurationSeconds = 60;
		int communications = 100_000;
		List<String> terms = DEFAULT_TERMS;
		int startTimeoutSeconds = 300;
		int loadTimeoutSeconds = 3600;
		String label;
		boolean append;
		String out = "docs/benchmarks.md";
		boolean help;
		List<String> rawArgs;

		static Options parse(String[] args) {
			Options o = new Options();
			o.rawArgs = List.of(args);
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				String name = arg;
				String inlineValue = null;
				int eq = arg.indexOf('=');
				if (arg.startsWith("--") && eq > 0) {
					name = arg.substring(0, eq);
					inlineValue = arg.substring(eq + 1);
				}
				if (name.equals("--append")) {
					o.append = true;
					continue;
				}
				if (name.equals("--care-team-client")) {
					o.careTeamClient = true;
					continue;
				}
				if (name.equals("--extracted")) {
					o.extracted = true;
					continue;
				}
				if (name.equals("--no-cds")) {
					o.classDataSharing = false;
					continue;
				}
				if (name.equals("--help") || name.equals("-h")) {
					o.help = true;
					continue;
				}
				if (!VALUED.contains(name)) {
					throw new IllegalArgumentException("unknown option " + name);
				}
				String value = inlineValue;
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException(name + " needs a value");
					}
					value = args[++i];
				}
				o.set(name, value);
			}
			o.validate();
			return o;
		}

		private void set(String name, String value) {
			switch (name) {
				case "--jar" -> jar = value;
				case "--port" -> port = positive(name, value);
				case "--jvm-opts" -> jvmOpts = value;
				case "--server-env" -> serverEnv.add(value);
				case "--base-url" -> baseUrl = value.replaceAll("/+$", "");
				case "--pid" -> pid = positive(name, value);
				case "--header" -> headers.add(value);
				case "--client-id" -> clientId = value;
				case "--client-secret" -> clientSecret = value;
				case "--care-team-patients" -> careTeamPatients = positive(name, value);
				case "--concurrency" -> concurrency = positive(name, value);
				case "--warmup" -> warmupSeconds = seconds(name, value, true);
				case "--duration" -> durationSeconds = seconds(name, value, false);
				case "--tx-duration" -> txDurationSeconds = seconds(name, value, true);
				case "--communications" -> communications = nonNegative(name, value);
				case "--terms" -> terms = Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
				case "--start-timeout" -> startTimeoutSeconds = seconds(name, value, false);
				case "--load-timeout" -> loadTimeoutSeconds = seconds(name, value, false);
				case "--label" -> label = value;
				case "--out" -> out = value;
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}

		private void validate() {
			if (baseUrl != null) {
				requireLoopback(baseUrl);
			}
			if (pid > 0 && baseUrl == null) {
				throw new IllegalArgumentException("--pid only goes with --base-url");
			}
			if (terms.isEmpty()) {
				throw new IllegalArgumentException("--terms is empty");
			}
			for (String header : headers) {
				if (header.indexOf(':') <= 0) {
					throw new IllegalArgumentException("--header must look like 'Name: value'");
				}
			}
			for (String env : serverEnv) {
				if (env.indexOf('=') <= 0) {
					throw new IllegalArgumentException("--server-env must look like KEY=VALUE");
				}
			}
			if (careTeamPatients != null && !careTeamClient) {
				throw new IllegalArgumentException("--care-team-patients only goes with --care-team-client");
			}
			if (careTeamClient && baseUrl != null) {
				throw new IllegalArgumentException("--care-team-client registers its client when it starts the server;"
						+ " it does not go with --base-url");
			}
			if (careTeamClient && serverEnv.stream().anyMatch(e -> e.startsWith(CareTeams.CLIENTS_FILE_ENV + "="))) {
				throw new IllegalArgumentException("--care-team-client writes the server's clients file itself;"
						+ " leave " + CareTeams.CLIENTS_FILE_ENV + " out of --server-env");
			}
		}

		int careTeamPool() {
			return careTeamPatients == null ? CareTeams.DEFAULT_POOL : careTeamPatients;
		}

		/** The benchmark talks to loopback only; a name other than localhost is refused, not resolved. */
		private static void requireLoopback(String url) {
			URI uri = URI.create(url);
			String host = uri.getHost();
			if (!"http".equals(uri.getScheme()) || host == null) {
				throw new IllegalArgumentException("--base-url must be http://<loopback>:<port>/fhir");
			}
			boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
			try {
				if (!(host.equals("localhost") || literal && InetAddress.getByName(host).isLoopbackAddress())) {
					throw new IllegalArgumentException("--base-url must point at a loopback address, not " + host);
				}
			} catch (IOException e) {
				throw new IllegalArgumentException("bad host in --base-url: " + host);
			}
		}

		private static int positive(String name, String value) {
			int n = nonNegative(name, value);
			if (n == 0) {
				throw new IllegalArgumentException(name + " must be > 0");
			}
			return n;
		}

		private static int nonNegative(String name, String value) {
			try {
				int n = Integer.parseInt(value.replace("_", ""));
				if (n < 0) {
					throw new IllegalArgumentException(name + " must be >= 0");
				}
				return n;
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException(name + " needs a number, not " + value);
			}
		}

		/** Seconds, written as {@code 20} or {@code 20s}. */
		private static int seconds(String name, String value, boolean zeroAllowed) {
			String digits = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
			return zeroAllowed ? nonNegative(name, digits) : positive(name, digits);
		}

		List<String[]> headerPairs() {
			return headers.stream()
					.map(h -> new String[] {h.substring(0, h.indexOf(':')).trim(), h.substring(h.indexOf(':') + 1).trim()})
					.toList();
		}

		/** A one-line summary for the report; header values are left out since they may hold tokens. */
		String summary() {
			List<String> parts = new ArrayList<>();
			parts.add("concurrency " + concurrency);
			parts.add("warm-up " + warmupSeconds + " s");
			parts.add("measured " + durationSeconds + " s");
			parts.add("transactions " + txDurationSeconds + " s");
			parts.add("communications " + communications);
			if (careTeamClient) {
				parts.add("care-team client, " + careTeamPool() + " patients of its organisation + "
						+ CareTeams.othersFor(careTeamPool()) + " of another");
			}
			if (baseUrl == null) {
				parts.add("jar `" + jar + "`" + (!extracted ? ""
						: classDataSharing ? " extracted, with a class data sharing archive (as in docker/Dockerfile)"
						: " extracted (as in docker/Dockerfile), no class data sharing archive"));
				parts.add("JVM options `" + (jvmOpts.isBlank() ? "(none)" : jvmOpts.trim()) + "`");
				if (!serverEnv.isEmpty()) {
					parts.add("server env `" + String.join(" ", serverEnv) + "`");
				}
			} else {
				parts.add("base URL " + baseUrl + (pid > 0 ? " (pid " + pid + ")" : ""));
			}
			if (!headers.isEmpty()) {
				parts.add("extra headers " + headerPairs().stream().map(h -> h[0]).collect(Collectors.joining(", ")));
			}
			return String.join(", ", parts);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// The run
	// ---------------------------------------------------------------------------------------------

	final Options options;
	final Results results = new Results();
	/** Setup and, without --care-team-client, the whole load: the unrestricted client (or open mode). */
	Fhir fhir;
	/** The timed load: {@link #fhir} itself, or with --care-team-client the care-team-restricted client. */
	Fhir loadFhir;
	ManagedServer server;
	/** The restricted client's secret, new for every run (it is written to the run's temporary directory). */
	final String careTeamSecret = UUID.randomUUID().toString();

	Benchmark(Options options) {
		this.options = options;
	}

	int run() throws Exception {
		// Everything created from here on is newer than this, so _lastUpdated=gt… finds the benchmark's patients.
		Instant benchmarkStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		results.startedAt = ZonedDateTime.now();
		HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
		try {
			if (!startOrFindServer(client)) {
				return 2;
			}
			if (options.careTeamClient) {
				try {
					results.careTeam = CareTeams.setUp(fhir, loadFhir, options, results, () -> server.process.isAlive());
				} catch (CareTeams.SetupFailed e) {
					System.err.println("care-team setup failed: " + e.getMessage());
					if (server != null) {
						System.err.println("last lines of the server log:");
						System.err.println(server.logTail(40));
					}
					return 3;
				}
			}
			runLoad(benchmarkStart);
			results.memory = Memory.read(serverPid(), server == null ? Optional.empty() : server.postmaster());
			if (server != null) {
				results.dataDirBytes = server.dataDirBytes();
			}
		} finally {
			if (server != null) {
				server.stop();
			}
		}
		printSummary();
		Report.write(Path.of(options.out), options, results);
		System.out.println("report written to " + options.out);
		return results.failureRate() > 0.01 ? 1 : 0;
	}

	/** Starts the jar (measuring cold start) or checks the given base URL; false if there is no server. */
	boolean startOrFindServer(HttpClient client) throws Exception {
		String base = options.baseUrl != null ? options.baseUrl : "http://127.0.0.1:" + options.port + "/fhir";
		fhir = new Fhir(client, base, options.headerPairs());
		loadFhir = fhir;
		if (options.baseUrl != null) {
			Response metadata = fhir.send(fhir.get("metadata"));
			if (!metadata.ok()) {
				System.err.println("no server at " + base + ": " + metadata.describe());
				return false;
			}
			boolean authorized = options.clientId == null || fhir.authorize(options.clientId, options.clientSecret);
			results.loadClient = options.clientId != null && fhir.bearerToken != null
					? "client `" + options.clientId + "` (client_credentials)"
					: "the given headers, if any (no client_credentials token)";
			return authorized;
		}
		try {
			server = ManagedServer.start(options, options.careTeamClient ? CareTeams.clientsFile(careTeamSecret) : null);
		} catch (IOException e) {
			System.err.println("could not start the server: " + e.getMessage());
			return false;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-server"));
		System.out.printf("started server pid %d, log %s%n", server.process.pid(), server.log);
		Optional<Double> coldStart = server.awaitFirst200(fhir, Duration.ofSeconds(options.startTimeoutSeconds));
		if (coldStart.isEmpty()) {
			System.err.println("server did not answer 200 on /fhir/metadata; last lines of its log:");
			System.err.println(server.logTail(60));
			return false;
		}
		results.coldStartSeconds = coldStart.get();
		results.memoryAtStart = Memory.read(server.process.pid(), Optional.empty());
		System.out.printf("cold start: %.1f s to the first 200 on /fhir/metadata%n", results.coldStartSeconds);
		// The started server runs the dev profile, which registers this client (see ClientRegistrations).
		String clientId = options.clientId == null ? "zaitaku-dev" : options.clientId;
		if (!fhir.authorize(clientId, options.clientSecret == null ? "dev-secret" : options.clientSecret)) {
			return false;
		}
		if (fhir.bearerToken == null) {
			results.loadClient = options.careTeamClient
					? "open mode (no token), with the care-team data and load of `--care-team-client`"
					: "open mode (no token)";
			return true;
		}
		if (!options.careTeamClient) {
			results.loadClient = "`" + clientId + "` (client_credentials" + (options.clientId == null
					? ", the dev client: no organisation, reaches every patient)" : ")");
			return true;
		}
		// Its own Fhir: its own token, renewed on its own.
		loadFhir = new Fhir(client, base, options.headerPairs());
		results.loadClient = "care-team-restricted backend client `" + CareTeams.CLIENT_ID + "` (client_secret_basic, "
				+ "`system/*.cruds`, organization `Organization/" + CareTeams.ORGANIZATION_ID + "`); setup with `" + clientId + "`";
		return loadFhir.authorize(CareTeams.CLIENT_ID, careTeamSecret);
	}

	long serverPid() {
		return server != null ? server.process.pid() : options.pid;
	}

	void runLoad(Instant benchmarkStart) throws Exception {
		LoadRunner runner = new LoadRunner(loadFhir, options.concurrency, () -> server == null || server.process.isAlive(),
				ServerCpu.of(serverPid()));
		Fhir fhir = loadFhir;
		long warmup = TimeUnit.SECONDS.toNanos(options.warmupSeconds);
		long measured = TimeUnit.SECONDS.toNanos(options.durationSeconds);

		ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
		results.add(runner.timed("create Patient", warmup, measured, (random, seq) ->
				new Job(fhir.post("Patient", HomeCareData.patient(random)), 1, r -> r.createdId().ifPresent(created::add))));
		// With --care-team-client the rest of the load is about the organisation's patients (its pool):
		// the restricted client does not reach a patient it created without a team.
		String[] patientIds = results.careTeam != null ? results.careTeam.ownPatients() : created.toArray(String[]::new);
		System.out.printf("  %d patients created%s%n", created.size(),
				results.careTeam != null ? "; reads and team messages go to the " + patientIds.length + " patients of the pool" : "");

		if (patientIds.length > 0) {
			results.add(runner.timed("read Patient/{id}", warmup, measured, (random, seq) ->
					Job.of(fhir.get("Patient/" + patientIds[random.nextInt(patientIds.length)]))));
		}
		results.add(runner.timed("search Patient?family=<kanji>", warmup, measured, (random, seq) ->
				Job.of(fhir.get("Patient?family=" + encode(HomeCareData.randomFamily(random)) + "&_count=20"))));
		String since = "gt" + benchmarkStart;
		results.add(runner.timed("search Patient?_lastUpdated=" + since, warmup, measured, (random, seq) ->
				Job.of(fhir.get("Patient?_lastUpdated=" + encode(since) + "&_count=20"))));

		long txMeasured = TimeUnit.SECONDS.toNanos(options.txDurationSeconds);
		results.add(runner.timed("transaction 25 Patient + 25 Observation", warmup, txMeasured, (random, seq) ->
				new Job(fhir.post("", HomeCareData.vitalSignsTransaction(random, 25)), 50, r -> {})));

		if (patientIds.length == 0) {
			System.out.println("  no patients were created: the team-message phases need them and are skipped");
			return;
		}
		results.add(runner.timed("transaction 50 Communication (profile-validated)", warmup, txMeasured, (random, seq) ->
				new Job(fhir.post("", HomeCareData.communicationTransaction(random, 50, patientIds)), 50, r -> {})));
		if (options.communications > 0) {
			runFullText(runner, patientIds, warmup, measured);
		}
	}

	/** Loads the Communications as fast as the server takes them, then searches them with _content. */
	void runFullText(LoadRunner runner, String[] patientIds, long warmup, long measured) throws Exception {
		int perBundle = 50;
		int total = options.communications;
		if (results.careTeam != null) {
			// A tenth of the messages are about the other organisation's patients, stored by the setup client
			// (not timed): the _content searches then have something to leave out.
			int others = total / 10;
			if (!CareTeams.loadOtherCommunications(fhir, options, results, others, results.careTeam.otherPatients(),
					() -> server == null || server.process.isAlive())) {
				System.err.println("  loading the other organisation's messages failed; _content hits are then all the pool's");
			}
			total -= others;
		}
		int timedTotal = total;
		long bundles = (total + perBundle - 1) / perBundle;
		results.add(runner.counted("load Communications, 50-entry transactions", bundles,
				TimeUnit.SECONDS.toNanos(options.loadTimeoutSeconds), (random, seq) -> {
					int size = (int) Math.min(perBundle, timedTotal - seq * perBundle);
					return new Job(loadFhir.post("", HomeCareData.communicationTransaction(random, size, patientIds)), size, r -> {});
				}));

		results.termHits = countHits(options.terms);
		List<String> terms = options.terms;
		results.add(runner.timed("search Communication?_content=<term>", warmup, measured, (random, seq) ->
				Job.of(loadFhir.get("Communication?_content=" + encode(terms.get((int) (seq % terms.size()))) + "&_count=20"))));
	}

	/** One count query per term, so the report shows the searches hit something (and how much). */
	Map<String, String> countHits(List<String> terms) {
		Map<String, String> hits = new java.util.LinkedHashMap<>();
		Pattern total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
		for (String term : terms) {
			Response r = loadFhir.send(loadFhir.get("Communication?_content=" + encode(term) + "&_summary=count"));
			Matcher m = total.matcher(r.bodyText());
			hits.put(term, r.ok() && m.find() ? m.group(1) : "? (" + r.describe() + ")");
		}
		System.out.println("  _content hits: " + hits);
		return hits;
	}

	void printSummary() {
		System.out.println();
		if (results.loadClient != null) {
			System.out.println("timed requests sent by: " + results.loadClient);
		}
		for (PhaseResult p : results.setupPhases) {
			System.out.println("setup, not timed: " + p.line());
		}
		System.out.println(Report.phaseTable(results));
		results.memory.ifPresent(m -> System.out.printf("server VmRSS %d MiB (anonymous %d, file-backed %d), VmHWM %d MiB%n",
				m.rssMiB(), m.anonymousKiB() / 1024, m.fileKiB() / 1024, m.hwmMiB()));
		System.out.printf("requests: %d, failed: %d (%.2f %%)%n",
				results.totalRequests(), results.totalErrors(), 100 * results.failureRate());
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	// ---------------------------------------------------------------------------------------------
	// HTTP
	// ---------------------------------------------------------------------------------------------

	/** A response, or the reason there was none ({@code status} 0). Bodies are kept as bytes: decoding costs client CPU. */
	record Response(int status, byte[] body, Optional<String> location, String failure) {
		static final Pattern ID_IN_LOCATION = Pattern.compile("/[A-Za-z]+/([A-Za-z0-9.\\-]+)(/_history/.*)?$");
		static final Pattern ID_IN_BODY = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9.\\-]+)\"");

		boolean ok() {
			return status >= 200 && status < 300;
		}

		String bodyText() {
			return body == null ? "" : new String(body, StandardCharsets.UTF_8);
		}

		/** The new resource's id from Location ({@code …/Patient/123/_history/1}), else from the body. */
		Optional<String> createdId() {
			Optional<String> fromLocation = location.map(ID_IN_LOCATION::matcher).filter(Matcher::find).map(m -> m.group(1));
			if (fromLocation.isPresent()) {
				return fromLocation;
			}
			Matcher m = ID_IN_BODY.matcher(bodyText());
			return m.find() ? Optional.of(m.group(1)) : Optional.empty();
		}

		String describe() {
			if (status == 0) {
				return failure;
			}
			String text = bodyText().replaceAll("\\s+", " ");
			return "HTTP " + status + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
		}
	}

	static final class Fhir {
		final HttpClient client;
		final String base;
		final List<String[]> headers;
		/** The current access token, renewed in the background; null when the server is in open mode. */
		volatile String bearerToken;

		Fhir(HttpClient client, String base, List<String[]> headers) {
			this.client = client;
			this.base = base;
			this.headers = headers;
		}

		HttpRequest get(String path) {
			return builder(path).GET().build();
		}

		HttpRequest put(String path, String json) {
			return builder(path)
					.header("Content-Type", FHIR_JSON + "; charset=UTF-8")
					.PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
					.build();
		}

		/** POST to a resource type, or to the base ({@code path} empty) for a transaction. */
		HttpRequest post(String path, String json) {
			return builder(path)
					.header("Content-Type", FHIR_JSON + "; charset=UTF-8")
					.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
					.build();
		}

		private HttpRequest.Builder builder(String path) {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.isEmpty() ? base : base + "/" + path))
					.timeout(REQUEST_TIMEOUT)
					.header("Accept", FHIR_JSON);
			headers.forEach(h -> b.header(h[0], h[1]));
			if (bearerToken != null) {
				b.header("Authorization", "Bearer " + bearerToken);
			}
			return b;
		}

		/**
		 * When the server is secured (it publishes a smart-configuration), takes an access token with
		 * client_credentials and renews it before it expires (SMART backend tokens live 5 minutes).
		 */
		boolean authorize(String clientId, String clientSecret) {
			String root = base.replaceFirst("/fhir/?$", "");
			Response configuration = send(builder(".well-known/smart-configuration").GET().build());
			if (configuration.status != 200) {
				System.out.println("  the server publishes no smart-configuration: open mode, no token");
				return true;
			}
			Optional<Long> lifetime = fetchToken(root, clientId, clientSecret);
			if (lifetime.isEmpty()) {
				return false;
			}
			Thread renewer = new Thread(() -> {
				long wait = Math.max(30, lifetime.get() - 60);
				while (true) {
					try {
						Thread.sleep(TimeUnit.SECONDS.toMillis(wait));
					} catch (InterruptedException e) {
						return;
					}
					fetchToken(root, clientId, clientSecret);
				}
			}, "token-renewal");
			renewer.setDaemon(true);
			renewer.start();
			return true;
		}

		private Optional<Long> fetchToken(String root, String clientId, String clientSecret) {
			String basic = java.util.Base64.getEncoder()
					.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
			HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/oauth2/token"))
					.timeout(REQUEST_TIMEOUT)
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + encode("system/*.cruds")))
					.build();
			Response r = send(request);
			Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.bodyText());
			Matcher expires = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)").matcher(r.bodyText());
			if (!r.ok() || !token.find()) {
				System.err.println("no access token from " + root + "/oauth2/token: " + r.describe());
				return Optional.empty();
			}
			bearerToken = token.group(1);
			return Optional.of(expires.find() ? Long.parseLong(expires.group(1)) : 300L);
		}

		Response send(HttpRequest request) {
			try {
				HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location"), null);
			} catch (IOException e) {
				return new Response(0, null, Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new Response(0, null, Optional.empty(), "interrupted");
			}
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Load generation
	// ---------------------------------------------------------------------------------------------

	/** One request, how many resources it carries (for resources/s), and what to do with a 2xx answer. */
	record Job(HttpRequest request, int resources, Consumer<Response> onSuccess) {
		static Job of(HttpRequest request) {
			return new Job(request, 1, r -> {});
		}
	}

	/** Makes the next job; {@code sequence} counts jobs across all threads of a phase (rotation, bundle index). */
	interface JobSource {
		Job next(ThreadLocalRandom random, long sequence);
	}

	/** What one client thread saw; not shared, merged when the phase ends. */
	static final class Recorder {
		long[] latencies = new long[4096];
		int count;
		long ok;
		long resources;
		long errors;
		long total;
		final List<String> errorSamples = new ArrayList<>();
		/** Failed requests by HTTP status; 0 is no answer at all (timeout, connection refused). */
		final Map<Integer, Long> errorStatuses = new java.util.TreeMap<>();

		void success(long nanos, int resourceCount) {
			if (count == latencies.length) {
				latencies = Arrays.copyOf(latencies, count * 2);
			}
			latencies[count++] = nanos;
			ok++;
			resources += resourceCount;
		}

		void error(Response response) {
			errors++;
			errorStatuses.merge(response.status(), 1L, Long::sum);
			if (errorSamples.size() < ERROR_SAMPLES) {
				errorSamples.add(response.describe());
			}
		}
	}

	/** The figures of one phase. Throughput counts 2xx answers completed inside the measured window. */
	static final class PhaseResult {
		final String name;
		final double windowSeconds;
		final long ok;
		final long resources;
		final long errors;
		final long total;
		final long[] sortedLatencies;
		final List<String> errorSamples;
		final Map<Integer, Long> errorStatuses = new java.util.TreeMap<>();
		final String aborted;
		/** Server JVM CPU milliseconds per 2xx answer in the measured window; NaN when unknown. */
		double serverCpuMsPerRequest = Double.NaN;

		PhaseResult(String name, double windowSeconds, List<Recorder> recorders, String aborted) {
			this.name = name;
			this.windowSeconds = windowSeconds;
			this.ok = recorders.stream().mapToLong(r -> r.ok).sum();
			this.resources = recorders.stream().mapToLong(r -> r.resources).sum();
			this.errors = recorders.stream().mapToLong(r -> r.errors).sum();
			this.total = recorders.stream().mapToLong(r -> r.total).sum();
			this.sortedLatencies = recorders.stream()
					.flatMapToLong(r -> Arrays.stream(r.latencies, 0, r.count))
					.sorted()
					.toArray();
			this.errorSamples = recorders.stream().flatMap(r -> r.errorSamples.stream()).limit(ERROR_SAMPLES).toList();
			recorders.forEach(r -> r.errorStatuses.forEach((status, n) -> errorStatuses.merge(status, n, Long::sum)));
			this.aborted = aborted;
		}

		double requestsPerSecond() {
			return ok / windowSeconds;
		}

		/** "403 ×2, no answer ×1", or empty when nothing failed. */
		String errorStatusText() {
			return statusText(errorStatuses);
		}

		static String statusText(Map<Integer, Long> statuses) {
			return statuses.entrySet().stream()
					.map(e -> (e.getKey() == 0 ? "no answer" : "HTTP " + e.getKey()) + " ×" + e.getValue())
					.collect(Collectors.joining(", "));
		}

		double resourcesPerSecond() {
			return resources / windowSeconds;
		}

		/** Nearest-rank percentile in milliseconds; NaN when nothing succeeded. */
		double percentileMs(double p) {
			if (sortedLatencies.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(p / 100 * sortedLatencies.length);
			return sortedLatencies[Math.max(0, rank - 1)] / 1e6;
		}

		double maxMs() {
			return sortedLatencies.length == 0 ? Double.NaN : sortedLatencies[sortedLatencies.length - 1] / 1e6;
		}

		String line() {
			return String.format(Locale.ROOT, "%-50s %8.1f req/s  p50 %7.1f  p95 %7.1f  p99 %7.1f ms%s  errors %d/%d%s%s",
					name, requestsPerSecond(), percentileMs(50), percentileMs(95), percentileMs(99),
					Double.isNaN(serverCpuMsPerRequest) ? "" : String.format(Locale.ROOT, "  server CPU %.2f ms/req", serverCpuMsPerRequest),
					errors, total,
					errors == 0 ? "" : " (" + errorStatusText() + ")", aborted == null ? "" : "  ABORTED: " + aborted);
		}
	}

	/**
	 * Runs a phase on a fixed pool of client threads, each sending one request after another over its
	 * own keep-alive connection (the closed-loop model wrk uses too).
	 */
	static final class LoadRunner {
		final Fhir fhir;
		final int concurrency;
		final java.util.function.BooleanSupplier serverAlive;
		final ServerCpu serverCpu;

		LoadRunner(Fhir fhir, int concurrency, java.util.function.BooleanSupplier serverAlive) {
			this(fhir, concurrency, serverAlive, ServerCpu.UNKNOWN);
		}

		LoadRunner(Fhir fhir, int concurrency, java.util.function.BooleanSupplier serverAlive, ServerCpu serverCpu) {
			this.fhir = fhir;
			this.concurrency = concurrency;
			this.serverAlive = serverAlive;
			this.serverCpu = serverCpu;
		}

		/** A warm-up, then a measured window; every loop ends when the window does. */
		PhaseResult timed(String name, long warmupNanos, long measuredNanos, JobSource source) throws InterruptedException {
			System.out.printf("%s: %d s warm-up, %d s measured%n", name,
					TimeUnit.NANOSECONDS.toSeconds(warmupNanos), TimeUnit.NANOSECONDS.toSeconds(measuredNanos));
			long measureStart = System.nanoTime() + warmupNanos;
			return run(name, source, measureStart, measureStart + measuredNanos, Long.MAX_VALUE);
		}

		/** A fixed number of jobs, as fast as they go, measured from the first to the last; capped by a timeout. */
		PhaseResult counted(String name, long jobs, long timeoutNanos, JobSource source) throws InterruptedException {
			System.out.printf("%s: %d requests%n", name, jobs);
			long start = System.nanoTime();
			return run(name, source, start, start + timeoutNanos, jobs);
		}

		private PhaseResult run(String name, JobSource source, long measureStart, long measureEnd, long maxJobs)
				throws InterruptedException {
			AtomicLong sequence = new AtomicLong();
			AtomicLong resourcesDone = new AtomicLong();
			AtomicReference<String> abort = new AtomicReference<>();
			ExecutorService pool = Executors.newFixedThreadPool(concurrency);
			List<Future<Recorder>> futures = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				futures.add(pool.submit(() ->
						work(source, sequence, maxJobs, measureStart, measureEnd, resourcesDone, abort)));
			}
			pool.shutdown();
			CompletableFuture<Long> cpuAtStart = serverCpu.at(measureStart);
			long startedAt = System.nanoTime();
			awaitWithProgress(pool, name, maxJobs, resourcesDone, startedAt, measureEnd);
			long finishedAt = System.nanoTime();
			long cpuAtEnd = serverCpu.nanos();

			List<Recorder> recorders = new ArrayList<>();
			for (Future<Recorder> f : futures) {
				try {
					recorders.add(f.get(1, TimeUnit.SECONDS));
				} catch (Exception e) {
					abort.compareAndSet(null, "client thread failed: " + e);
				}
			}
			// A counted phase is measured over the time it took; a timed one over its fixed window.
			double window = maxJobs == Long.MAX_VALUE
					? (measureEnd - measureStart) / 1e9
					: (Math.min(finishedAt, measureEnd) - measureStart) / 1e9;
			PhaseResult result = new PhaseResult(name, Math.max(window, 1e-3), recorders, abort.get());
			long cpuStart = cpuAtStart.getNow(-1L);
			if (cpuStart >= 0 && cpuAtEnd >= 0 && result.ok > 0) {
				result.serverCpuMsPerRequest = (cpuAtEnd - cpuStart) / 1e6 / result.ok;
			}
			System.out.println("  " + result.line());
			result.errorSamples.forEach(s -> System.err.println("    error: " + s));
			return result;
		}

		/** Waits for the client threads, printing progress of long phases every 10 s; bounded by the window. */
		private void awaitWithProgress(ExecutorService pool, String name, long maxJobs, AtomicLong resourcesDone,
				long startedAt, long measureEnd) throws InterruptedException {
			long hardStop = measureEnd + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(10);
			while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
				long now = System.nanoTime();
				if (now > hardStop) {
					System.err.println("  " + name + ": client threads did not finish; interrupting them");
					pool.shutdownNow();
					pool.awaitTermination(10, TimeUnit.SECONDS);
					return;
				}
				if (maxJobs != Long.MAX_VALUE) {
					double elapsed = (now - startedAt) / 1e9;
					System.out.printf(Locale.ROOT, "  … %d resources in %.0f s (%.0f/s)%n",
							resourcesDone.get(), elapsed, resourcesDone.get() / elapsed);
				}
			}
		}

		private Recorder work(JobSource source, AtomicLong sequence, long maxJobs, long measureStart, long measureEnd,
				AtomicLong resourcesDone, AtomicReference<String> abort) {
			Recorder recorder = new Recorder();
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (System.nanoTime() < measureEnd && abort.get() == null) {
				long seq = sequence.getAndIncrement();
				if (seq >= maxJobs) {
					break;
				}
				Job job = source.next(random, seq);
				long t0 = System.nanoTime();
				Response response = fhir.send(job.request());
				long t1 = System.nanoTime();
				recorder.total++;
				if (response.ok()) {
					job.onSuccess().accept(response);
					resourcesDone.addAndGet(job.resources());
					if (t1 >= measureStart && t1 <= measureEnd) {
						recorder.success(t1 - t0, job.resources());
					}
				} else {
					recorder.error(response);
					checkAbort(recorder, abort);
				}
			}
			return recorder;
		}

		/** Stops a phase early when the server is gone or nearly everything fails, instead of spinning on errors. */
		private void checkAbort(Recorder recorder, AtomicReference<String> abort) {
			if (!serverAlive.getAsBoolean()) {
				abort.compareAndSet(null, "the server process exited");
			} else if (recorder.errors >= 200 && recorder.errors * 2 > recorder.total) {
				abort.compareAndSet(null, "more than half of the requests failed");
			}
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Test data: Japanese home-care patients, vital signs and messages
	// ---------------------------------------------------------------------------------------------

	static final class HomeCareData {
		static final String REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
		/** JP Core patient identifier system: the OID arc plus a (made-up) 10-digit institution code. */
		static final String PATIENT_ID_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11312345670";
		static final ZoneOffset JST = ZoneOffset.ofHours(9);

		record Name(String kanji, String kana, String gender) {}

		record Town(String name, String postalCode) {}

		record Vital(String loinc, String display, String text, String unit, String ucum, double min, double max, int decimals) {}

		static final List<Name> FAMILIES = List.of(
				new Name("山田", "ヤマダ", null), new Name("佐藤", "サトウ", null), new Name("鈴木", "スズキ", null),
				new Name("高橋", "タカハシ", null), new Name("田中", "タナカ", null), new Name("伊藤", "イトウ", null),
				new Name("渡辺", "ワタナベ", null), new Name("中村", "ナカムラ", null), new Name("小林", "コバヤシ", null),
				new Name("加藤", "カトウ", null));

		static final List<Name> GIVEN = List.of(
				new Name("太郎", "タロウ", "male"), new Name("花子", "ハナコ", "female"),
				new Name("一郎", "イチロウ", "male"), new Name("幸子", "サチコ", "female"),
				new Name("清", "キヨシ", "male"), new Name("和子", "カズコ", "female"),
				new Name("茂", "シゲル", "male"), new Name("節子", "セツコ", "female"),
				new Name("正雄", "マサオ", "male"), new Name("文子", "フミコ", "female"));

		static final List<Town> NERIMA = List.of(
				new Town("豊玉北", "176-0012"), new Town("練馬", "176-0001"), new Town("石神井町", "177-0041"),
				new Town("大泉学園町", "178-0061"), new Town("光が丘", "179-0072"), new Town("関町北", "177-0051"),
				new Town("桜台", "176-0002"), new Town("平和台", "179-0083"));

		static final List<Vital> VITALS = List.of(
				new Vital("8310-5", "Body temperature", "体温", "℃", "Cel", 35.6, 37.9, 1),
				new Vital("8480-6", "Systolic blood pressure", "血圧（収縮期）", "mmHg", "mm[Hg]", 95, 175, 0),
				new Vital("8462-4", "Diastolic blood pressure", "血圧（拡張期）", "mmHg", "mm[Hg]", 50, 100, 0),
				new Vital("8867-4", "Heart rate", "脈拍", "回/分", "/min", 50, 110, 0),
				new Vital("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "SpO2", "%", "%", 88, 99, 0),
				new Vital("9279-1", "Respiratory rate", "呼吸数", "回/分", "/min", 12, 28, 0));

		static String randomFamily(ThreadLocalRandom random) {
			return pick(random, FAMILIES).kanji();
		}

		/** A Patient as JP Core writes one: kanji (IDE) and kana (SYL) names, JP Core identifier, a 練馬区 address. */
		static String patient(ThreadLocalRandom random) {
			Name family = pick(random, FAMILIES);
			Name given = pick(random, GIVEN);
			Town town = pick(random, NERIMA);
			String line = town.name() + (1 + random.nextInt(7)) + "-" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20));
			String birthDate = String.format(Locale.ROOT, "%d-%02d-%02d",
					1925 + random.nextInt(26), 1 + random.nextInt(12), 1 + random.nextInt(28));
			return """
					{"resourceType":"Patient",\
					"identifier":[{"system":"%s","value":"%d"}],\
					"name":[%s,%s],\
					"gender":"%s","birthDate":"%s",\
					"address":[{"use":"home","text":"東京都練馬区%s","line":["%s"],"city":"練馬区","state":"東京都",\
					"postalCode":"%s","country":"JP"}]}""".formatted(
					PATIENT_ID_SYSTEM, random.nextLong(1_000_000_000L, 10_000_000_000L),
					humanName("IDE", family.kanji(), given.kanji()), humanName("SYL", family.kana(), given.kana()),
					given.gender(), birthDate, line, line, town.postalCode());
		}

		private static String humanName(String representation, String family, String given) {
			return """
					{"extension":[{"url":"%s","valueCode":"%s"}],\
					"use":"official","text":"%s %s","family":"%s","given":["%s"]}""".formatted(
					REPRESENTATION, representation, family, given, family, given);
		}

		/** {@code pairs} Patients and one vital-sign Observation for each, linked by urn:uuid. */
		static String vitalSignsTransaction(ThreadLocalRandom random, int pairs) {
			List<String> entries = new ArrayList<>(pairs * 2);
			for (int i = 0; i < pairs; i++) {
				String patientUrn = urn(random);
				entries.add(entry(patientUrn, patient(random), "Patient"));
				entries.add(entry(urn(random), observation(random, patientUrn), "Observation"));
			}
			return bundle(entries);
		}

		static String observation(ThreadLocalRandom random, String subject) {
			Vital v = pick(random, VITALS);
			double value = v.min() + random.nextDouble() * (v.max() - v.min());
			String formatted = String.format(Locale.ROOT, "%." + v.decimals() + "f", value);
			return """
					{"resourceType":"Observation","status":"final",\
					"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category",\
					"code":"vital-signs"}],"text":"バイタルサイン"}],\
					"code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}],"text":"%s"},\
					"subject":{"reference":"%s"},"effectiveDateTime":"%s",\
					"valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}""".formatted(
					v.loinc(), v.display(), v.text(), subject, recently(random), formatted, v.unit(), v.ucum());
		}

		/**
		 * {@code size} team messages about existing patients, each a composed home-care message that
		 * conforms to the guide's Communication profile (the server validates every one of them).
		 */
		static String communicationTransaction(ThreadLocalRandom random, int size, String[] patientIds) {
			List<String> entries = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				String patient = "Patient/" + patientIds[random.nextInt(patientIds.length)];
				String communication = """
						{"resourceType":"Communication","status":"completed",\
						"extension":[{"url":"https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread",\
						"valueIdentifier":{"system":"https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread",\
						"value":"%s"}}],\
						"category":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/message-category",\
						"code":"report","display":"報告"}]}],"subject":{"reference":"%s"},\
						"sent":"%s","sender":{"reference":"%s"},"recipient":[{"display":"在宅チーム"}],\
						"payload":[{"contentString":"%s"}]}""".formatted(
						urn(random), patient, recently(random), patient, json(Messages.compose(random)));
				entries.add(entry(urn(random), communication, "Communication"));
			}
			return bundle(entries);
		}

		static String entry(String fullUrl, String resource, String type) {
			return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource
					+ ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
		}

		static String bundle(List<String> entries) {
			return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}";
		}

		/** A random type-4-shaped UUID without SecureRandom, which would serialise the client threads. */
		static String urn(ThreadLocalRandom random) {
			return "urn:uuid:" + new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
					(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
		}

		private static final java.time.format.DateTimeFormatter FHIR_DATE_TIME =
				java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

		/** Some time in the last 30 days, in Japan time. */
		private static String recently(ThreadLocalRandom random) {
			// An explicit pattern: OffsetDateTime.toString() drops ":00" seconds, which FHIR's dateTime does not allow.
			return OffsetDateTime.now(JST).minusMinutes(random.nextInt(30 * 24 * 60)).format(FHIR_DATE_TIME);
		}

		static <T> T pick(ThreadLocalRandom random, List<T> list) {
			return list.get(random.nextInt(list.size()));
		}

		/** JSON string escaping for the few characters our generated text could contain. */
		static String json(String s) {
			return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
		}
	}

	/**
	 * Messages between the members of a home-care team (訪問看護, ケアマネジャー, 主治医, 薬局, ヘルパー), composed
	 * from realistic fragments. Fragments are drawn with different weights so each search term hits a
	 * different share of the documents; some are written in half-width katakana or full-width Latin, as
	 * they are typed in practice.
	 */
	static final class Messages {
		record Fragment(int weight, String text) {}

		static final List<String> OPENERS = List.of(
				"【訪問看護】", "訪問看護師より報告です。", "ケアマネジャー様へ。", "主治医への報告：", "ﾍﾙﾊﾟｰｽﾃｰｼｮﾝより連絡。",
				"薬局より：", "本日の訪問記録。", "サービス担当者会議の件。", "ご家族からの電話連絡。", "");

		static final List<Fragment> FRAGMENTS = List.of(
				new Fragment(12, "東京都練馬区の自宅にて訪問看護を実施。"),
				new Fragment(10, "血圧 %d/%d mmHg、脈拍 %d 回/分、体温 %s℃。"),
				new Fragment(9, "服薬カレンダーにて服薬確認済み、飲み忘れなし。"),
				new Fragment(8, "ＳｐＯ２ ９%d％（室内気）、呼吸苦の訴えなし。"),
				new Fragment(7, "嚥下機能の低下があり、食事にとろみ剤を使用しています。"),
				new Fragment(6, "仙骨部の褥瘡はステージⅡ、滲出液少量。処置を継続します。"),
				new Fragment(6, "ヘルパーの訪問回数を週３回に増やす予定です。"),
				new Fragment(5, "ｹｱﾏﾈｼﾞｬｰと次回のサービス担当者会議を調整中。"),
				new Fragment(5, "夕食後の服薬が二回抜けていました。一包化を薬局に相談します。"),
				new Fragment(4, "ＡＤＬは前回と変わらず、車椅子へ移乗可能。"),
				new Fragment(4, "便秘傾向のため、主治医に下剤の調整を相談。"),
				new Fragment(3, "むせ込みが増えており、言語聴覚士による嚥下評価を依頼したいです。"),
				new Fragment(3, "褥瘡予防のためエアマットへ変更しました。"),
				new Fragment(3, "疼痛コントロール良好、レスキュー使用なし。"),
				new Fragment(2, "夜間に転倒あり、右大腿部に内出血。骨折の疑いは低いです。"),
				new Fragment(2, "認知症の周辺症状（ＢＰＳＤ）が夕方に強くなります。"),
				new Fragment(2, "経管栄養の注入は問題なく、胃ろう周囲の皮膚トラブルなし。"),
				new Fragment(2, "在宅酸素 2L/分を継続。"),
				new Fragment(1, "ご家族と看取りについて話し合い、自宅での看取りを希望されています。"),
				new Fragment(1, "ケアマネジャーに福祉用具（特殊寝台）の変更を依頼しました。"));

		static final List<String> CLOSERS = List.of(
				"以上、ご確認をお願いします。", "よろしくお願いいたします。", "次回訪問は来週火曜日です。", "", "");

		static final int TOTAL_WEIGHT = FRAGMENTS.stream().mapToInt(Fragment::weight).sum();

		/** An opener, two to four different weighted fragments, and a closer. */
		static String compose(ThreadLocalRandom random) {
			StringBuilder text = new StringBuilder(HomeCareData.pick(random, OPENERS));
			int wanted = 2 + random.nextInt(3);
			boolean[] used = new boolean[FRAGMENTS.size()];
			for (int attempt = 0; attempt < 20 && wanted > 0; attempt++) {
				int index = weightedIndex(random);
				if (!used[index]) {
					used[index] = true;
					wanted--;
					text.append(fill(random, FRAGMENTS.get(index).text()));
				}
			}
			return text.append(HomeCareData.pick(random, CLOSERS)).toString();
		}

		private static int weightedIndex(ThreadLocalRandom random) {
			int r = random.nextInt(TOTAL_WEIGHT);
			for (int i = 0; i < FRAGMENTS.size(); i++) {
				r -= FRAGMENTS.get(i).weight();
				if (r < 0) {
					return i;
				}
			}
			return FRAGMENTS.size() - 1;
		}

		/** Fills the number slots of the vital-sign fragments; the SpO2 one gets a full-width digit. */
		private static String fill(ThreadLocalRandom random, String fragment) {
			if (fragment.startsWith("血圧")) {
				return String.format(Locale.ROOT, fragment, 100 + random.nextInt(70), 55 + random.nextInt(40),
						55 + random.nextInt(50), String.format(Locale.ROOT, "%.1f", 35.8 + random.nextDouble() * 2));
			}
			if (fragment.startsWith("ＳｐＯ２")) {
				return fragment.replace("%d", String.valueOf((char) ('０' + random.nextInt(10))));
			}
			return fragment;
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Care teams: the data and client of --care-team-client
	// ---------------------------------------------------------------------------------------------

	/**
	 * The care-team-restricted run. The started server registers one more backend client,
	 * {@link #CLIENT_ID}, of the organisation {@link #ORGANIZATION_ID}: it reaches only the patients of
	 * the active CareTeams on which that organisation is a participant. Before anything is timed, the
	 * unrestricted setup client stores both organisations and enrols a pool of patients (Patient + its
	 * CareTeam, in transactions) on teams of ours, and a tenth more on teams of the other organisation
	 * only, which the restricted client's reads and searches must leave out. The setup is the same in
	 * open mode, so both runs measure the same data.
	 */
	static final class CareTeams {
		static final String CLIENTS_FILE_ENV = "ZAITAKU_SECURITY_CLIENTS_FILE";
		static final String CLIENT_ID = "bench-care-team";
		static final String ORGANIZATION_ID = "bench-houmon-kango";
		static final String ORGANIZATION_NAME = "ベンチ訪問看護ステーション";
		static final String OTHER_ORGANIZATION_ID = "bench-other-station";
		static final String OTHER_ORGANIZATION_NAME = "ベンチ居宅介護支援事業所";
		static final String ROLE_SYSTEM = "https://zaitaku-fhir.github.io/ig/CodeSystem/careteam-role";
		static final int DEFAULT_POOL = 1000;
		static final int PAIRS_PER_BUNDLE = 25;
		static final Pattern LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"(?:[^\"]*/)?Patient/([A-Za-z0-9.\\-]+)/_history");
		static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

		/**
		 * @param ownPatients the organisation's patients: the load reads them and writes messages about them
		 * @param otherPatients patients of the other organisation's teams only
		 * @param restricted whether the load ran with the restricted client's token (false: open mode)
		 * @param loadClientCount {@code Patient?_summary=count} as the load client saw it after the setup
		 * @param setupClientCount the same as the setup client saw it
		 */
		record Data(String[] ownPatients, String[] otherPatients, boolean restricted, long loadClientCount, long setupClientCount) {
			String describe() {
				return String.format(Locale.ROOT, "%d patients enrolled on CareTeams of Organization/%s (%s) and %d on teams of "
						+ "Organization/%s only, each Patient + CareTeam in one transaction; the timed reads and team messages are "
						+ "about the organisation's patients, 10 %% of the loaded Communications about the others (stored by the "
						+ "setup client, not timed); after the setup `Patient?_summary=count` gave %d as the load client, %d as "
						+ "the setup client", ownPatients.length, ORGANIZATION_ID, ORGANIZATION_NAME, otherPatients.length,
						OTHER_ORGANIZATION_ID, loadClientCount, setupClientCount);
			}
		}

		static final class SetupFailed extends Exception {
			SetupFailed(String message) {
				super(message);
			}
		}

		/** 10 % of all the setup's patients: others / (pool + others) = 1/10. */
		static int othersFor(int pool) {
			return (pool + 8) / 9;
		}

		/** The server's clients file: just the restricted client (the dev profile adds the unrestricted one). */
		static String clientsFile(String secret) {
			return """
					[
					  {
					    "clientId": "%s",
					    "clientName": "ベンチ 訪問看護記録システム",
					    "authentication": "client_secret_basic",
					    "clientSecret": "{noop}%s",
					    "scopes": ["system/*.cruds"],
					    "organization": "Organization/%s"
					  }
					]
					""".formatted(CLIENT_ID, secret, ORGANIZATION_ID);
		}

		static String organization(String id, String name) {
			return """
					{"resourceType":"Organization","id":"%s","active":true,"name":"%s"}""".formatted(id, name);
		}

		/** An active longitudinal team whose coordinator is the organisation; the guide's CareTeam profile takes it. */
		static String careTeam(String subject, String organizationId) {
			return """
					{"resourceType":"CareTeam","status":"active",\
					"category":[{"coding":[{"system":"http://loinc.org","code":"LA28865-6"}]}],\
					"name":"在宅チーム","subject":{"reference":"%s"},\
					"managingOrganization":[{"reference":"Organization/%s"}],\
					"participant":[{"role":[{"coding":[{"system":"%s","code":"coordinator"}]}],\
					"member":{"reference":"Organization/%s"}}]}""".formatted(subject, organizationId, ROLE_SYSTEM, organizationId);
		}

		/** {@code pairs} new Patients, each with its first CareTeam, linked by urn:uuid. */
		static String enrolmentTransaction(ThreadLocalRandom random, int pairs, String organizationId) {
			List<String> entries = new ArrayList<>(pairs * 2);
			for (int i = 0; i < pairs; i++) {
				String patientUrn = HomeCareData.urn(random);
				entries.add(HomeCareData.entry(patientUrn, HomeCareData.patient(random), "Patient"));
				entries.add(HomeCareData.entry(HomeCareData.urn(random), careTeam(patientUrn, organizationId), "CareTeam"));
			}
			return HomeCareData.bundle(entries);
		}

		/** Runs the setup with {@code setup} (unrestricted or open mode) and checks what {@code load} reaches. */
		static Data setUp(Fhir setup, Fhir load, Options options, Results results, java.util.function.BooleanSupplier alive)
				throws SetupFailed, InterruptedException {
			int pool = options.careTeamPool();
			int others = othersFor(pool);
			System.out.printf("care-team setup (not timed): Organization/%s and Organization/%s, %d + %d patients with teams%n",
					ORGANIZATION_ID, OTHER_ORGANIZATION_ID, pool, others);
			require(setup.send(setup.put("Organization/" + ORGANIZATION_ID, organization(ORGANIZATION_ID, ORGANIZATION_NAME))),
					"PUT Organization/" + ORGANIZATION_ID);
			require(setup.send(setup.put("Organization/" + OTHER_ORGANIZATION_ID,
					organization(OTHER_ORGANIZATION_ID, OTHER_ORGANIZATION_NAME))), "PUT Organization/" + OTHER_ORGANIZATION_ID);

			LoadRunner runner = new LoadRunner(setup, options.concurrency, alive);
			String[] own = enrol(runner, options, results, pool, ORGANIZATION_ID);
			String[] other = enrol(runner, options, results, others, OTHER_ORGANIZATION_ID);

			boolean restricted = load != setup && load.bearerToken != null;
			long loadCount = count(load, "Patient?_summary=count");
			long setupCount = count(setup, "Patient?_summary=count");
			long expected = restricted ? pool : pool + others;
			System.out.printf("  Patient?_summary=count: %d as the load client, %d as the setup client%n", loadCount, setupCount);
			if (loadCount != expected) {
				throw new SetupFailed("the load client counts " + loadCount + " patients, " + expected + " were expected");
			}
			// The restricted client reads its own patient and does not find the other organisation's.
			require(load.send(load.get("Patient/" + own[0])), "the load client's read of its Patient/" + own[0]);
			Response hidden = load.send(load.get("Patient/" + other[0]));
			if (hidden.status() != (restricted ? 404 : 200)) {
				throw new SetupFailed("the load client's read of the other organisation's Patient/" + other[0] + ": "
						+ hidden.describe() + " (expected " + (restricted ? 404 : 200) + ")");
			}
			return new Data(own, other, restricted, loadCount, setupCount);
		}

		/** Patients with their teams, 25 per transaction, by the setup client; their ids. */
		private static String[] enrol(LoadRunner runner, Options options, Results results, int patients, String organizationId)
				throws SetupFailed, InterruptedException {
			ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
			long bundles = (patients + PAIRS_PER_BUNDLE - 1) / PAIRS_PER_BUNDLE;
			PhaseResult phase = runner.counted("enrol " + patients + " patients on teams of Organization/" + organizationId, bundles,
					TimeUnit.SECONDS.toNanos(options.loadTimeoutSeconds), (random, seq) -> {
						int pairs = (int) Math.min(PAIRS_PER_BUNDLE, patients - seq * PAIRS_PER_BUNDLE);
						return new Job(runner.fhir.post("", enrolmentTransaction(random, pairs, organizationId)), 2 * pairs, r -> {
							Matcher m = LOCATION.matcher(r.bodyText());
							while (m.find()) {
								ids.add(m.group(1));
							}
						});
					});
			results.setupPhases.add(phase);
			if (phase.errors > 0 || ids.size() != patients) {
				throw new SetupFailed(phase.name + ": " + phase.errors + " failed bundles, " + ids.size() + " of " + patients
						+ " patients stored" + phase.errorSamples.stream().map(e -> "; " + e).collect(Collectors.joining()));
			}
			return ids.toArray(String[]::new);
		}

		/** Team messages about the other organisation's patients, by the setup client, not timed; false if any failed. */
		static boolean loadOtherCommunications(Fhir setup, Options options, Results results, int total, String[] otherPatients,
				java.util.function.BooleanSupplier alive) throws InterruptedException {
			if (total == 0) {
				return true;
			}
			int perBundle = 50;
			LoadRunner runner = new LoadRunner(setup, options.concurrency, alive);
			PhaseResult phase = runner.counted("load " + total + " Communications about the other organisation's patients",
					(total + perBundle - 1) / perBundle, TimeUnit.SECONDS.toNanos(options.loadTimeoutSeconds), (random, seq) -> {
						int size = (int) Math.min(perBundle, total - seq * perBundle);
						return new Job(setup.post("", HomeCareData.communicationTransaction(random, size, otherPatients)), size, r -> {});
					});
			results.setupPhases.add(phase);
			return phase.errors == 0;
		}

		private static void require(Response response, String what) throws SetupFailed {
			if (!response.ok()) {
				throw new SetupFailed(what + ": " + response.describe());
			}
		}

		private static long count(Fhir fhir, String search) throws SetupFailed {
			Response r = fhir.send(fhir.get(search));
			Matcher m = TOTAL.matcher(r.bodyText());
			if (!r.ok() || !m.find()) {
				throw new SetupFailed(search + ": " + r.describe());
			}
			return Long.parseLong(m.group(1));
		}
	}

	// ---------------------------------------------------------------------------------------------
	// The server process
	// ---------------------------------------------------------------------------------------------

	/** The jar started on loopback with a fresh data directory, which is deleted when it stops. */
	static final class ManagedServer {
		final Process process;
		final Path tempDir;
		final Path dataDir;
		final Path log;
		final long startedNanos;
		private boolean stopped;

		private ManagedServer(Process process, Path tempDir, Path dataDir, Path log, long startedNanos) {
			this.process = process;
			this.tempDir = tempDir;
			this.dataDir = dataDir;
			this.log = log;
			this.startedNanos = startedNanos;
		}

		/**
		 * Extracts the executable jar the way docker/Dockerfile does (its classes in one jar, every
		 * dependency beside it in lib/): classes then load from plain jars instead of jars nested in
		 * the jar. Done before the clock starts, as an image is built before it is run.
		 */
		static Path extract(Path jar, Path destination) throws IOException {
			List<String> command = List.of(javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(),
					"extract", "--destination", destination.toString());
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes());
				if (process.waitFor() != 0) {
					throw new IOException("extracting " + jar + " failed: " + output);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while extracting " + jar, e);
			}
			return destination.resolve(jar.getFileName());
		}

		/**
		 * The class data sharing archive docker/Dockerfile builds into the image (a training start of the
		 * server, about a minute): made before the clock starts, as the image is built before it is run.
		 */
		static Path writeClassDataArchive(Path extractedJar) throws IOException {
			Path archive = extractedJar.resolveSibling("zaitaku.jsa");
			System.out.println("writing the class data sharing archive (docker/class-data-archive.sh, not timed)");
			try {
				Process process = new ProcessBuilder("bash", "docker/class-data-archive.sh", extractedJar.toString(),
						archive.toString()).inheritIO().start();
				if (process.waitFor() != 0) {
					throw new IOException("docker/class-data-archive.sh failed for " + extractedJar);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while writing the class data sharing archive", e);
			}
			return archive;
		}

		/** {@code clientsFile}: JSON of a clients file to register (written to the temporary directory), or null. */
		static ManagedServer start(Options options, String clientsFile) throws IOException {
			Path jar = Path.of(options.jar).toAbsolutePath();
			if (!Files.isRegularFile(jar)) {
				throw new IOException("no server jar at " + jar + " (build it with mvn -B -q -DskipTests package)");
			}
			// Another server on the port would answer our /metadata polls and be measured instead.
			if (portInUse(options.port)) {
				throw new IOException("port " + options.port + " is already in use on 127.0.0.1; choose another with --port");
			}
			Path tempDir = Files.createTempDirectory("zaitaku-bench-");
			Path dataDir = Files.createDirectories(tempDir.resolve("data"));
			Path log = tempDir.resolve("server.log");
			Path classDataArchive = null;
			if (options.extracted) {
				jar = extract(jar, tempDir.resolve("app"));
				if (options.classDataSharing) {
					classDataArchive = writeClassDataArchive(jar);
				}
			}
			List<String> command = new ArrayList<>();
			command.add(javaExecutable());
			if (classDataArchive != null) {
				command.add("-XX:SharedArchiveFile=" + classDataArchive);
			}
			Arrays.stream(options.jvmOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
			command.add("-jar");
			command.add(jar.toString());
			ProcessBuilder builder = new ProcessBuilder(command)
					.directory(tempDir.toFile())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile());
			Map<String, String> env = builder.environment();
			env.put("SERVER_PORT", String.valueOf(options.port));
			// Listen on loopback only: the benchmark never needs the server reachable from elsewhere.
			env.put("SERVER_ADDRESS", "127.0.0.1");
			env.put("ZAITAKU_DATA_DIR", dataDir.toString());
			// The dev profile registers the local test client the benchmark takes its token with.
			env.put("SPRING_PROFILES_ACTIVE", "dev");
			for (String kv : options.serverEnv) {
				env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
			}
			if (clientsFile != null) {
				// It holds a {noop} secret: readable by us only, and removed with the directory.
				Path file = tempDir.resolve("clients.json");
				Files.writeString(file, clientsFile, StandardCharsets.UTF_8);
				try {
					Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
				} catch (UnsupportedOperationException e) {
					// not a POSIX file system: the temporary directory's own permissions have to do
				}
				env.put(CareTeams.CLIENTS_FILE_ENV, file.toString());
			}
			long startedNanos = System.nanoTime();
			return new ManagedServer(builder.start(), tempDir, dataDir, log, startedNanos);
		}

		private static boolean portInUse(int port) {
			try (java.net.Socket socket = new java.net.Socket()) {
				socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
				return true;
			} catch (IOException e) {
				return false;
			}
		}

		/** Polls /metadata every 100 ms; the seconds from process start to the first 200, or empty. */
		Optional<Double> awaitFirst200(Fhir fhir, Duration timeout) throws InterruptedException {
			HttpRequest metadata = HttpRequest.newBuilder(URI.create(fhir.base + "/metadata"))
					.timeout(Duration.ofSeconds(30)).header("Accept", FHIR_JSON).GET().build();
			long deadline = startedNanos + timeout.toNanos();
			while (System.nanoTime() < deadline && process.isAlive()) {
				if (fhir.send(metadata).status() == 200) {
					return Optional.of((System.nanoTime() - startedNanos) / 1e9);
				}
				Thread.sleep(100);
			}
			return Optional.empty();
		}

		long dataDirBytes() {
			try (Stream<Path> files = Files.walk(dataDir)) {
				return files.filter(Files::isRegularFile).mapToLong(p -> {
					try {
						return Files.size(p);
					} catch (IOException e) {
						return 0; // a file PostgreSQL removed while we walked
					}
				}).sum();
			} catch (IOException e) {
				return -1;
			}
		}

		String logTail(int lines) {
			try {
				List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
				return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
			} catch (IOException e) {
				return "(no log: " + e.getMessage() + ")";
			}
		}

		/**
		 * SIGTERM and wait, so the server stops its embedded PostgreSQL itself; then whatever of our own
		 * child processes is left is ended by pid, and the temporary directory removed.
		 */
		synchronized void stop() {
			if (stopped) {
				return;
			}
			stopped = true;
			process.destroy();
			try {
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					System.err.println("server did not stop within 60 s of SIGTERM; killing it");
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			stopLeftoverPostmaster();
			deleteRecursively(tempDir);
		}

		/**
		 * pg_ctl daemonises PostgreSQL, so it is no child of the JVM. A server that was killed leaves its
		 * postmaster running on our temporary directory; end that one, found by its postmaster.pid and
		 * checked against its command line, and nothing else.
		 */
		private void stopLeftoverPostmaster() {
			Optional<ProcessHandle> postmaster = postmaster().filter(p -> p.info().commandLine()
					.map(c -> c.contains(dataDir.toString())).orElse(false));
			if (postmaster.isEmpty()) {
				return;
			}
			System.err.println("stopping the embedded PostgreSQL the server left running, pid " + postmaster.get().pid());
			postmaster.get().destroy();
			try {
				postmaster.get().onExit().get(30, TimeUnit.SECONDS);
			} catch (Exception e) {
				postmaster.get().destroyForcibly();
			}
		}

		/** The running postmaster of this server's embedded PostgreSQL, from the first line of its postmaster.pid. */
		Optional<ProcessHandle> postmaster() {
			Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
			try {
				String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
				return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
			} catch (IOException | NumberFormatException e) {
				return Optional.empty();
			}
		}

		private static void deleteRecursively(Path dir) {
			try (Stream<Path> paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			} catch (IOException e) {
				System.err.println("could not delete " + dir + ": " + e.getMessage());
			}
		}
	}

	/** The java running this program, so server and report use the same JDK. */
	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	// ---------------------------------------------------------------------------------------------
	// Memory and machine
	// ---------------------------------------------------------------------------------------------

	/**
	 * CPU time (user + system) of the server JVM from /proc/PID/stat: divided by the requests of a
	 * window it gives the server's cost per request, which the load generator sharing the machine and
	 * other noise disturb far less than the throughput. The embedded PostgreSQL is not included.
	 */
	record ServerCpu(long pid) {
		static final ServerCpu UNKNOWN = new ServerCpu(-1);
		/** USER_HZ: 100 on every Linux this runs on. */
		private static final long NANOS_PER_TICK = 10_000_000L;

		static ServerCpu of(long pid) {
			return new ServerCpu(pid);
		}

		/** Nanoseconds of CPU so far, or -1 when unknown. */
		long nanos() {
			if (pid <= 0) {
				return -1;
			}
			try {
				String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
				// Fields after the command name (which may hold spaces), from field 3 on; utime and stime are 14 and 15.
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
			} catch (IOException | RuntimeException e) {
				return -1;
			}
		}

		/** The CPU time read at {@code nanoTime} (a System.nanoTime() instant), on a thread of its own. */
		CompletableFuture<Long> at(long nanoTime) {
			return CompletableFuture.supplyAsync(() -> {
				for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
					java.util.concurrent.locks.LockSupport.parkNanos(wait);
				}
				return nanos();
			});
		}
	}

	/**
	 * VmRSS and VmHWM of the server JVM, and of the embedded PostgreSQL (if known) the proportional set
	 * size summed over the postmaster and its backends: summing their RSS would count the shared
	 * buffers once per process.
	 */
	record Memory(long rssKiB, long hwmKiB, long anonymousKiB, long fileKiB, long postgresPssKiB, int postgresProcesses) {
		long rssMiB() {
			return rssKiB / 1024;
		}

		long hwmMiB() {
			return hwmKiB / 1024;
		}

		static Optional<Memory> read(long pid, Optional<ProcessHandle> postmaster) {
			if (pid <= 0) {
				return Optional.empty();
			}
			Map<String, Long> status = procFields(Path.of("/proc", String.valueOf(pid), "status"));
			if (!status.containsKey("VmRSS")) {
				return Optional.empty();
			}
			List<ProcessHandle> postgres = postmaster
					.map(p -> Stream.concat(Stream.of(p), p.descendants()).toList())
					.orElse(List.of());
			long postgresPss = postgres.stream()
					.mapToLong(c -> procFields(Path.of("/proc", String.valueOf(c.pid()), "smaps_rollup")).getOrDefault("Pss", 0L))
					.sum();
			return Optional.of(new Memory(status.get("VmRSS"), status.getOrDefault("VmHWM", 0L), status.getOrDefault("RssAnon", -1L),
					status.getOrDefault("RssFile", -1L), postgresPss, postgres.size()));
		}

		static final Pattern PROC_FIELD = Pattern.compile("^(\\w+):\\s+(\\d+) kB");

		/** "Name:   1234 kB" lines of a /proc file, in KiB. */
		private static Map<String, Long> procFields(Path file) {
			Map<String, Long> fields = new java.util.HashMap<>();
			try {
				for (String line : Files.readAllLines(file)) {
					Matcher m = PROC_FIELD.matcher(line);
					if (m.find()) {
						fields.put(m.group(1), Long.parseLong(m.group(2)));
					}
				}
			} catch (IOException e) {
				// process gone or not ours: no figure
			}
			return fields;
		}
	}

	static final class Machine {
		static String describe() {
			return String.format(Locale.ROOT, "%d CPUs (%s), %s RAM, %s %s",
					Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(),
					System.getProperty("os.name"), System.getProperty("os.version"));
		}

		static String cpuModel() {
			try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
				return lines.filter(l -> l.startsWith("model name")).findFirst()
						.map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
			} catch (IOException e) {
				return "unknown CPU";
			}
		}

		static String memTotal() {
			Map<String, Long> info = Memory.procFields(Path.of("/proc/meminfo"));
			return info.containsKey("MemTotal")
					? String.format(Locale.ROOT, "%.1f GiB", info.get("MemTotal") / 1024.0 / 1024.0) : "unknown";
		}

		static String javaVersion() {
			return command(List.of(javaExecutable(), "-version")).orElse("unknown");
		}

		/** Commit of the working tree the benchmark runs in, and whether it has uncommitted changes. */
		static String gitRevision() {
			Optional<String> head = command(List.of("git", "rev-parse", "--short", "HEAD"));
			if (head.isEmpty()) {
				return "unknown";
			}
			boolean dirty = command(List.of("git", "status", "--porcelain", "--untracked-files=no"))
					.map(s -> !s.isBlank()).orElse(false);
			return head.get().trim() + (dirty ? " with uncommitted changes" : "");
		}

		/** Output (stdout and stderr) of a short command, or empty if it fails or takes over 30 s. */
		static Optional<String> command(List<String> command) {
			try {
				Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
				byte[] out;
				try (InputStream in = p.getInputStream()) {
					out = in.readNBytes(64 * 1024);
				}
				if (!p.waitFor(30, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					return Optional.empty();
				}
				return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).trim()) : Optional.empty();
			} catch (IOException e) {
				return Optional.empty();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Results and the report
	// ---------------------------------------------------------------------------------------------

	static final class Results {
		ZonedDateTime startedAt;
		Double coldStartSeconds;
		Optional<Memory> memoryAtStart = Optional.empty();
		Optional<Memory> memory = Optional.empty();
		long dataDirBytes = -1;
		Map<String, String> termHits = Map.of();
		final List<PhaseResult> phases = new ArrayList<>();
		/** Who sent the timed requests, for the report. */
		String loadClient;
		/** With --care-team-client: the patients set up and the reach check. */
		CareTeams.Data careTeam;
		/** Requests of the untimed setup (with --care-team-client), reported apart from the measured phases. */
		final List<PhaseResult> setupPhases = new ArrayList<>();

		void add(PhaseResult phase) {
			phases.add(phase);
		}

		Optional<PhaseResult> phase(String prefix) {
			return phases.stream().filter(p -> p.name.startsWith(prefix)).findFirst();
		}

		long totalRequests() {
			return phases.stream().mapToLong(p -> p.total).sum();
		}

		long totalErrors() {
			return phases.stream().mapToLong(p -> p.errors).sum();
		}

		double failureRate() {
			long total = totalRequests();
			return total == 0 ? 0 : (double) totalErrors() / total;
		}

		String defaultLabel() {
			if (careTeam == null) {
				return "default configuration";
			}
			return careTeam.restricted() ? "care-team-restricted client" : "open mode, care-team load";
		}

		/** Failed requests of the measured phases by status. */
		Map<Integer, Long> errorStatuses() {
			Map<Integer, Long> all = new java.util.TreeMap<>();
			phases.forEach(p -> p.errorStatuses.forEach((status, n) -> all.merge(status, n, Long::sum)));
			return all;
		}
	}

	static final class Report {
		static final String BEGIN = "<!-- bench:begin -->";
		static final String END = "<!-- bench:end -->";
		static final String TITLE = "# Zaitaku FHIR benchmarks\n";
		static final String NOTES = "## Notes\n\n_(to be written: which settings were changed and why, and what the figures mean)_\n";
		static final String BLOCK_HEADER = """
				_Generated by `src/bench/Benchmark.java` (run `bash src/bench/run-benchmark.sh`). Everything between the \
				`bench:begin` / `bench:end` markers is rewritten by each run; `--append` adds a run beside the others._

				Anchor: the plain hapi-fhir-jpaserver-starter (HAPI 8.8.0, shipped defaults, Lucene off) on a fresh \
				PostgreSQL 15, measured 2026-11-26 on this machine with this program (`--base-url`, `--communications 0`), \
				once with the JVM's default heap and once with `-Xmx512m`; cold start timed by hand. Goals: cold start \
				< 20 s, RSS < 1 GiB, `_content` p95 < 200 ms, and ≥ 1.3× the anchor throughput (taken against the top \
				of its range). Result sections written before this anchor was measured compared against an earlier one \
				(the starter measured with `wrk`, a quarter to a half of these figures); their "met" column is superseded.
				""";

		/** Rewrites the generated part of the report (or adds to it with --append), keeping the rest of the file. */
		static void write(Path out, Options options, Results results) throws IOException {
			String section = runSection(options, results);
			String existing = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
			String content;
			if (existing == null) {
				content = TITLE + "\n" + BEGIN + "\n" + BLOCK_HEADER + "\n" + section + END + "\n\n" + NOTES;
			} else {
				int begin = existing.indexOf(BEGIN);
				int end = existing.indexOf(END);
				if (begin >= 0 && end > begin) {
					String inner = existing.substring(begin + BEGIN.length(), end);
					String newInner = options.append && !inner.isBlank()
							? inner.stripTrailing() + "\n\n" + section
							: "\n" + BLOCK_HEADER + "\n" + section;
					content = existing.substring(0, begin) + BEGIN + newInner + END + existing.substring(end + END.length());
				} else {
					content = insertBlock(existing, BEGIN + "\n" + BLOCK_HEADER + "\n" + section + END + "\n");
				}
				if (!content.contains("\n## Notes")) {
					content = content.stripTrailing() + "\n\n" + NOTES;
				}
			}
			Path parent = out.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path tmp = Files.createTempFile(parent, ".benchmarks", ".md");
			Files.writeString(tmp, content, StandardCharsets.UTF_8);
			Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}

		/** A file without markers gets the block before its Notes section, or at its end. */
		private static String insertBlock(String existing, String block) {
			int notes = existing.indexOf("\n## Notes");
			if (notes >= 0) {
				return existing.substring(0, notes + 1) + block + "\n" + existing.substring(notes + 1);
			}
			return existing.stripTrailing() + "\n\n" + block;
		}

		static String runSection(Options options, Results results) {
			StringBuilder md = new StringBuilder();
			String when = results.startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
			md.append("## Results: ").append(options.label == null ? results.defaultLabel() : options.label)
					.append(" (").append(when).append(")\n\n");
			md.append("- command: `").append(commandLine(options)).append("`\n");
			md.append("- options: ").append(options.summary()).append("\n");
			if (results.loadClient != null) {
				md.append("- timed requests sent by: ").append(results.loadClient).append("\n");
			}
			if (results.careTeam != null) {
				md.append("- care-team data (set up before timing, same in open mode): ").append(results.careTeam.describe()).append("\n");
			}
			md.append("- code: git ").append(Machine.gitRevision()).append("\n");
			md.append("- machine: ").append(Machine.describe()).append("\n");
			md.append("- load generator: this program (JDK HttpClient, ").append(options.concurrency)
					.append(" threads on keep-alive HTTP/1.1 connections) on the same machine, sharing its CPUs\n");
			md.append("- java:\n\n```\n").append(Machine.javaVersion()).append("\n```\n\n");
			md.append(anchorTable(results)).append("\n");
			md.append("All phases (throughput counts 2xx answers completed in the measured window; errors include the warm-up):\n\n");
			md.append(phaseTable(results)).append("\n");
			md.append(memoryLines(results));
			if (!results.termHits.isEmpty()) {
				md.append("- `_content` hits after the load: ").append(results.termHits.entrySet().stream()
						.map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append("\n");
			}
			md.append(String.format(Locale.ROOT, "- requests: %d, failed: %d (%.2f %%)%s%s%n", results.totalRequests(),
					results.totalErrors(), 100 * results.failureRate(),
					results.totalErrors() == 0 ? "" : " — " + PhaseResult.statusText(results.errorStatuses()),
					results.failureRate() > 0.01 ? " — **over 1 %, run failed**" : ""));
			for (PhaseResult p : results.setupPhases) {
				md.append(fmt("- setup, not timed: %s: %d requests, %d resources in %.1f s, failed: %d%s%n", p.name, p.total,
						p.resources, p.windowSeconds, p.errors, p.errors == 0 ? "" : " (" + p.errorStatusText() + ")"));
			}
			md.append(errorLines(results));
			md.append("\n");
			return md.toString();
		}

		/** The command as typed: the shell script passes its own invocation in ZAITAKU_BENCH_COMMAND. */
		static String commandLine(Options options) {
			String viaScript = System.getenv("ZAITAKU_BENCH_COMMAND");
			if (viaScript != null && !viaScript.isBlank()) {
				return viaScript.trim();
			}
			return "java src/bench/Benchmark.java" + options.rawArgs.stream().map(Report::shellQuote)
					.map(a -> " " + a).collect(Collectors.joining());
		}

		static String shellQuote(String arg) {
			return arg.matches("[A-Za-z0-9_./:=,@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
		}

		static String anchorTable(Results r) {
			StringBuilder t = new StringBuilder();
			t.append("| figure | this run | plain HAPI starter (anchor) | goal | met |\n|---|---|---|---|---|\n");
			if (r.coldStartSeconds != null) {
				t.append(row("cold start to first 200 on /fhir/metadata", fmt("%.1f s", r.coldStartSeconds),
						"27.4–28.4 s", "< 20 s", r.coldStartSeconds < 20));
			} else {
				t.append(row("cold start to first 200 on /fhir/metadata", "not measured (--base-url)", "27.4–28.4 s", "< 20 s", null));
			}
			r.memory.ifPresentOrElse(
					m -> t.append(row("RSS after the load (server JVM)",
							fmt("%d MiB (peak VmHWM %d MiB)", m.rssMiB(), m.hwmMiB()), "964 MiB (-Xmx512m), 2887 MiB (default heap)", "< 1 GiB", m.rssMiB() < 1024)),
					() -> t.append(row("RSS after the load (server JVM)", "not measured (no pid)", "964 MiB (-Xmx512m), 2887 MiB (default heap)", "< 1 GiB", null)));
			throughputRow(t, r.phase("create Patient"), "create Patient (kanji + kana names)", "264–313 req/s, p95 47–52 ms", 313);
			throughputRow(t, r.phase("read Patient"), "read Patient/{id}", "1066–1167 req/s, p95 13–14 ms", 1167);
			throughputRow(t, r.phase("search Patient?family"), "search `family=<kanji>&_count=20`", "146–159 req/s, p95 74–77 ms", 159);
			throughputRow(t, r.phase("search Patient?_lastUpdated"), "search `_lastUpdated=gt…&_count=20`", "163–164 req/s, p95 74 ms", 164);
			r.phase("transaction").ifPresent(p -> t.append(row("transaction ingest, 50-entry bundles (25 Patients + 25 Observations)",
					fmt("%.0f resources/s, p95 %.0f ms per bundle", p.resourcesPerSecond(), p.percentileMs(95)),
					"810–920 resources/s", fmt("≥ %.0f resources/s", 1.3 * 920), p.resourcesPerSecond() >= 1.3 * 920)));
			r.phase("load Communications").ifPresent(p -> t.append(row("Communication load, 50-entry bundles",
					fmt("%.0f resources/s, p95 %.0f ms per bundle", p.resourcesPerSecond(), p.percentileMs(95)), "—", "—", null)));
			r.phase("search Communication?_content").ifPresent(p -> t.append(row("search `Communication?_content=<term>&_count=20`",
					fmt("%.1f req/s, p50 %.0f / p95 %.0f / p99 %.0f ms", p.requestsPerSecond(), p.percentileMs(50), p.percentileMs(95), p.percentileMs(99)),
					"— (Lucene off)", "p95 < 200 ms", p.percentileMs(95) < 200)));
			return t.toString();
		}

		private static void throughputRow(StringBuilder t, Optional<PhaseResult> phase, String figure, String anchor, double anchorHigh) {
			phase.ifPresent(p -> t.append(row(figure,
					fmt("%.1f req/s, p95 %.0f ms (%.2f× anchor)", p.requestsPerSecond(), p.percentileMs(95), p.requestsPerSecond() / anchorHigh),
					anchor, fmt("≥ %.0f req/s", 1.3 * anchorHigh), p.requestsPerSecond() >= 1.3 * anchorHigh)));
		}

		private static String row(String figure, String value, String anchor, String goal, Boolean met) {
			String verdict = met == null ? "—" : met ? "yes" : "**no**";
			return "| " + figure + " | " + value + " | " + anchor + " | " + goal + " | " + verdict + " |\n";
		}

		static String phaseTable(Results r) {
			StringBuilder t = new StringBuilder();
			t.append("| phase | window s | 2xx | req/s | resources/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/req | errors |\n");
			t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (PhaseResult p : r.phases) {
				t.append(fmt("| %s | %.1f | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %d of %d%s%s |%n",
						p.name.replace("|", "\\|"), p.windowSeconds, p.ok, p.requestsPerSecond(), p.resourcesPerSecond(),
						p.percentileMs(50), p.percentileMs(95), p.percentileMs(99), p.maxMs(),
						Double.isNaN(p.serverCpuMsPerRequest) ? "—" : fmt("%.2f", p.serverCpuMsPerRequest), p.errors, p.total,
						p.errors == 0 ? "" : " (" + p.errorStatusText() + ")",
						p.aborted == null ? "" : " (aborted: " + p.aborted + ")"));
			}
			return t.toString();
		}

		private static String memoryLines(Results r) {
			StringBuilder s = new StringBuilder();
			r.memoryAtStart.ifPresent(m -> s.append(fmt("- server JVM at the first 200: VmRSS %d MiB%n", m.rssMiB())));
			r.memory.ifPresent(m -> {
				s.append(fmt("- server JVM after the load: VmRSS %d MiB, peak VmHWM %d MiB%n", m.rssMiB(), m.hwmMiB()));
				if (m.anonymousKiB() >= 0 && m.fileKiB() >= 0) {
					// File-backed pages (mapped jars, the class data archive, Lucene's memory-mapped index) are
					// page cache the kernel can drop and re-read; anonymous ones are the JVM's own.
					s.append(fmt("  of which anonymous (heap, metaspace, code, threads) %d MiB, file-backed (mapped jars,"
							+ " class data archive, Lucene index files) %d MiB%n", m.anonymousKiB() / 1024, m.fileKiB() / 1024));
				}
				if (m.postgresProcesses() > 0) {
					s.append(fmt("- embedded PostgreSQL after the load: %d processes, PSS %d MiB in total%n",
							m.postgresProcesses(), m.postgresPssKiB() / 1024));
				}
			});
			if (r.dataDirBytes >= 0) {
				s.append(fmt("- data directory (PostgreSQL + Lucene) after the load: %d MiB%n", r.dataDirBytes / 1024 / 1024));
			}
			return s.toString();
		}

		private static String errorLines(Results r) {
			StringBuilder s = new StringBuilder();
			for (PhaseResult p : Stream.concat(r.setupPhases.stream(), r.phases.stream()).toList()) {
				for (String sample : p.errorSamples) {
					s.append("- error in ").append(p.name).append(": `").append(sample.replace("`", "'")).append("`\n");
				}
			}
			return s.toString();
		}

		/** Formats with '.' decimals; a figure with no successful request (NaN) shows as a dash. */
		static String fmt(String format, Object... args) {
			return String.format(Locale.ROOT, format, args).replace("NaN", "—");
		}
	}
}
