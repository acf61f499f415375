package jp.zaitaku.fhir.messaging;

import static jp.zaitaku.fhir.messaging.HomeTeam.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CareTeam;

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

	private static final FhirContext FHIR = FhirContext.forR4Cached();
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
		// A caller limited to their patients subscribes only to a search they could make themselves.
		as(home.nurseToken).body(subscription("Observation?_has:Observation:derived-from:value-string=嚥下", endpoint(), "rest-hook"))
				.post("/Subscription").then().statusCode(403);
		as(home.nurseToken).body(subscription("Measure?", endpoint(), "rest-hook")).post("/Subscription").then().statusCode(403);
	}

	@Test
	void aTeamMemberSubscribesAndReceivesOnlyWhatSheMayRead() {
		// She claims the doctor's name as owner; the server makes it hers.
		String mine = created(as(home.helperToken).body(subscription("Communication?", endpoint() + "/helper", "rest-hook")
				.replace("\"status\":\"requested\"", "\"status\":\"requested\",\"meta\":{\"tag\":[{\"system\":\"https://zaitaku-fhir.github.io/ig/CodeSystem/owner\",\"code\":\"Practitioner/"
						+ home.doctor + "\"}]}")).post("/Subscription"));
		as(home.helperToken).get("/Subscription/" + mine).then().statusCode(200)
				.body("meta.tag.find { it.system.endsWith('/owner') }.code", equalTo("Practitioner/" + home.helper));
		// Another member neither reads nor finds it: its header may hold the receiver's credentials.
		as(home.doctorToken).get("/Subscription/" + mine).then().statusCode(404);
		assertThat(as(home.doctorToken).get("/Subscription").then().statusCode(200).extract().jsonPath().getList("entry.resource.id"),
				not(hasItem(mine)));
		assertThat(as(home.helperToken).get("/Subscription").then().statusCode(200).extract().jsonPath().getList("entry.resource.id"),
				hasItem(mine));
		as(home.doctorToken).delete("/Subscription/" + mine).then().statusCode(404);
		String everything = created(fhir().body(subscription("Communication?", endpoint() + "/system", "rest-hook")).post("/Subscription"));
		awaitActive(mine);
		awaitActive(everything);

		String hers = home.message(home.doctorToken, "Practitioner/" + home.doctor, "instruction", "routine",
				"明日の入浴介助の前に血圧を測ってください。", "Practitioner/" + home.helper);
		String otherPatient = createPatient("谷原", "次郎", "ヤハラ", "ジロウ");
		String notHers = created(fhir().body(communicationJson(otherPatient, "他の療養者への連絡（ヘルパーのチーム外）")).post("/Communication"));
		awaitDelivery("/hook/system/Communication/" + notHers);
		awaitDelivery("/hook/helper/Communication/" + hers);
		assertThat(deliveredTo("/hook/helper/Communication/" + notHers), equalTo(false));

		// Off the team, she gets nothing more about the patient.
		leaveTheTeam("Practitioner/" + home.helper);
		String after = home.message(home.doctorToken, "Practitioner/" + home.doctor, "report", "routine", "退院後の経過は良好です。",
				"CareTeam/" + home.team);
		awaitDelivery("/hook/system/Communication/" + after);
		pause(Duration.ofSeconds(3));
		assertThat(deliveredTo("/hook/helper/Communication/" + after), equalTo(false));
		fhir().delete("/Subscription/" + everything).then().statusCode(200);
	}

	@Test
	void aTeamMemberListensOnTheWebsocketToHerOwnSubscriptionOnly() throws Exception {
		fhir().get("/metadata").then().statusCode(200).body("rest[0].extension.find { it.url == '"
				+ "http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket' }.valueUri", equalTo("ws://localhost:" + port + "/websocket"));
		String mine = created(as(home.pharmacistToken).body("""
				{"resourceType":"Subscription","status":"requested","reason":"花子さんへの連絡を薬局の端末で受ける",
				 "criteria":"Communication?subject=Patient/%s","channel":{"type":"websocket"}}""".formatted(home.patient)).post("/Subscription"));
		awaitActive(mine);

		// No token: no websocket at all.
		java.util.concurrent.CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
				() -> websocket(null).join());
		assertThat(((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(), equalTo(401));
		// Someone else's Subscription: refused as one that does not exist.
		Listener doctor = new Listener();
		java.net.http.WebSocket doctorSocket = websocket(home.doctorToken, doctor).join();
		doctorSocket.sendText("bind " + mine, true).join();
		assertThat(doctor.next(), equalTo("error Subscription is not known"));
		doctor.awaitClosed();

		Listener pharmacist = new Listener();
		java.net.http.WebSocket socket = websocket(home.pharmacistToken, pharmacist).join();
		try {
			socket.sendText("bind Subscription/" + mine, true).join();
			assertThat(pharmacist.next(), containsString("bound " + mine));
			home.message(home.doctorToken, "Practitioner/" + home.doctor, "medication-info", "routine",
					"残薬が多くあります。服薬状況の確認をお願いします。", "Organization/" + home.pharmacy);
			assertThat(pharmacist.next(), containsString("ping " + mine));
		} finally {
			socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").join();
		}
	}

	/** Text frames a websocket client received, in order, and whether the server closed it. */
	static final class Listener implements java.net.http.WebSocket.Listener {
		private final java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
		private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
		private final StringBuilder partial = new StringBuilder();

		@Override
		public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				texts.add(partial.toString());
				partial.setLength(0);
			}
			socket.request(1);
			return null;
		}

		@Override
		public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket socket, int status, String reason) {
			closed.countDown();
			return null;
		}

		String next() throws InterruptedException {
			String text = texts.poll(TestTime.scaled(Duration.ofSeconds(60)).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			if (text == null) {
				throw new AssertionError("nothing received on the websocket");
			}
			return text;
		}

		void awaitClosed() throws InterruptedException {
			assertThat(closed.await(TestTime.scaled(Duration.ofSeconds(30)).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS), equalTo(true));
		}
	}

	private java.util.concurrent.CompletableFuture<java.net.http.WebSocket> websocket(String token) {
		return websocket(token, new Listener());
	}

	private java.util.concurrent.CompletableFuture<java.net.http.WebSocket> websocket(String token, Listener listener) {
		java.net.http.WebSocket.Builder builder = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.buildAsync(java.net.URI.create("ws://localhost:" + port + "/websocket"), listener);
	}

	private void awaitActive(String subscription) {
		Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(90))).until(() ->
				"active".equals(fhir().get("/Subscription/" + subscription).jsonPath().getString("status")));
	}

	private void awaitDelivery(String path) {
		Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(60))).until(() -> deliveredTo(path));
	}

	private boolean deliveredTo(String path) {
		return received.stream().anyMatch(request -> request.path().equals(path));
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Takes {@code member} off the home team (this test class's own team; no other test of it needs them). */
	private void leaveTheTeam(String member) {
		CareTeam team = FHIR.newJsonParser().parseResource(CareTeam.class, fhir().get("/CareTeam/" + home.team).asString());
		team.getParticipant().removeIf(participant -> member.equals(participant.getMember().getReference()));
		fhir().body(FHIR.newJsonParser().encodeResourceToString(team)).put("/CareTeam/" + home.team).then().statusCode(200);
	}
}
