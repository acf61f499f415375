package jp.zaitaku.fhir.messaging;

import static jp.zaitaku.fhir.messaging.HomeTeam.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.TestTime;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.login.UserAccounts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Standard R4 rest-hook Subscriptions over HTTP: a hospital's system subscribes to a patient's team
 * messages and receives each new one, full resource, with the Authorization header it asked for. The
 * receiver is a small HTTP server of the test on 127.0.0.1 (the tests allow private endpoints).
 */
class SubscriptionsIT extends FhirServerTestBase {

	/** One request the receiver got. */
	record Received(String method, String path, String authorization, String body) {}

	private static HomeTeam home;
	private HttpServer receiver;
	private final List<Received> received = new CopyOnWriteArrayList<>();

	@Autowired
	private ClientRegistrations clients;
	@Autowired
	private UserAccounts users;

	@BeforeEach
	void startTheReceiver() throws IOException {
		if (home == null) {
			home = new HomeTeam(serverUrl(), accessToken(), clients, users);
		}
		receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", exchange -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterEach
	void stopTheReceiver() {
		receiver.stop(0);
	}

	private String endpoint() {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
	}

	private static String subscription(String criteria, String endpoint, String type) {
		return """
				{"resourceType":"Subscription","status":"requested","reason":"在宅チームの連絡を病院の電子カルテへ",
				 "criteria":"%s",
				 "channel":{"type":"%s","endpoint":"%s","payload":"application/fhir+json",
				   "header":["Authorization: Bearer receiver-secret-42"]}}""".formatted(criteria, type, endpoint);
	}

	@Test
	void aNewTeamMessageReachesTheSubscribedSystemWithItsHeader() {
		String id = created(fhir().body(subscription("Communication?subject=Patient/" + home.patient, endpoint(), "rest-hook"))
				.post("/Subscription"));
		Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(90))).until(() ->
				"active".equals(fhir().get("/Subscription/" + id).jsonPath().getString("status")));

		String message = home.message(home.nurseToken, "Practitioner/" + home.nurse, "condition-change", "urgent",
				"夕方から37.9℃の発熱。解熱剤を使用しました。", "CareTeam/" + home.team);
		Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(60))).until(() ->
				received.stream().anyMatch(request -> request.path().equals("/hook/Communication/" + message)));
		Received delivery = received.stream().filter(request -> request.path().equals("/hook/Communication/" + message)).findFirst().orElseThrow();
		assertThat(delivery.method(), equalTo("PUT"));
		assertThat(delivery.authorization(), equalTo("Bearer receiver-secret-42"));
		assertThat(delivery.body(), containsString("37.9℃の発熱"));

		// Another patient's message does not match the criteria.
		String otherPatient = createPatient("谷原", "次郎", "ヤハラ", "ジロウ");
		String other = created(fhir().body(communicationJson(otherPatient, "別の療養者への連絡")).post("/Communication"));
		String later = home.message(home.nurseToken, "Practitioner/" + home.nurse, "report", "routine", "解熱しました。", "CareTeam/" + home.team);
		Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(60))).until(() ->
				received.stream().anyMatch(request -> request.path().endsWith("/Communication/" + later)));
		assertThat(received.stream().noneMatch(request -> request.path().endsWith("/Communication/" + other)), equalTo(true));
		fhir().delete("/Subscription/" + id).then().statusCode(200);
	}

	@Test
	void whatASubscriptionMayAskForIsCheckedWhenItIsWritten() {
		// Only rest-hook is delivered here: other channels are refused, not left "requested" for ever.
		fhir().body(subscription("Communication?subject=Patient/" + home.patient, "mailto:team@example.org", "email"))
				.post("/Subscription").then().statusCode(422).body("issue[0].diagnostics", containsString("rest-hook"));
		// A token that does not read the type it watches may not subscribe to it.
		String narrow = "narrow-" + unique();
		jp.zaitaku.fhir.security.authorization.BackendClient client = jp.zaitaku.fhir.security.authorization.BackendClient.es384(narrow);
		clients.save(client.registration(List.of("system/Subscription.cruds", "system/Observation.rs")));
		String token = client.token(serverUrl(), "system/Subscription.cruds system/Observation.rs");
		as(token).body(subscription("Communication?subject=Patient/" + home.patient, endpoint(), "rest-hook"))
				.post("/Subscription").then().statusCode(403).body("issue[0].diagnostics", containsString("Communication"));
		// Care-team members do not subscribe yet: Subscriptions are for systems that reach every patient.
		as(home.nurseToken).body(subscription("Communication?subject=Patient/" + home.patient, endpoint(), "rest-hook"))
				.post("/Subscription").then().statusCode(403);
	}
}
