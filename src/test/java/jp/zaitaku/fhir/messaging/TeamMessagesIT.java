package jp.zaitaku.fhir.messaging;

import static jp.zaitaku.fhir.messaging.HomeTeam.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.TestTime;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.login.UserAccounts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Team messages that reach people, over HTTP with the home team's own tokens: read receipts
 * ({@code $mark-read}, {@code $receipts}), each member's unread messages ({@code $unread}), and the
 * escalation of an urgent message nobody acknowledged to the coordinator, with the server's clock moved.
 */
class TeamMessagesIT extends FhirServerTestBase {

	private static HomeTeam home;

	@Autowired
	private ClientRegistrations clients;
	@Autowired
	private UserAccounts users;
	@Autowired
	private Escalations escalations;

	@BeforeEach
	void storeTheHomeTeamOnce() {
		if (home == null) {
			home = new HomeTeam(serverUrl(), accessToken(), clients, users);
		}
	}

	private String toTheTeam(String category, String priority, String text) {
		return home.message(home.nurseToken, "Practitioner/" + home.nurse, category, priority, text, "CareTeam/" + home.team);
	}

	private static JsonPath markRead(String token, String message, String status) {
		String body = status == null ? "{\"resourceType\":\"Parameters\"}" : """
				{"resourceType":"Parameters","parameter":[{"name":"status","valueCode":"%s"}]}""".formatted(status);
		return as(token).body(body).post("/Communication/" + message + "/$mark-read").then().statusCode(200).extract().jsonPath();
	}

	@Test
	void aMemberMarksAMessageReadOnceAndTheSenderSeesWhoHasNot() {
		String message = toTheTeam("report", "routine", "本日の訪問：仙骨部に発赤あり。体位変換をお願いします。");

		JsonPath receipt = markRead(home.pharmacistToken, message, null);
		assertThat(receipt.getString("meta.profile[0]"), equalTo("https://zaitaku-fhir.github.io/ig/StructureDefinition/zaitaku-message-receipt"));
		assertThat(receipt.getString("sender.reference"), equalTo("Practitioner/" + home.pharmacist));
		assertThat(receipt.getString("inResponseTo[0].reference"), equalTo("Communication/" + message));
		assertThat(receipt.getString("extension.find { it.url.endsWith('receipt-status') }.valueCode"), equalTo("read"));
		// The same call again answers the same receipt; the message itself is untouched.
		assertThat(markRead(home.pharmacistToken, message, null).getString("id"), equalTo(receipt.getString("id")));
		fhir().get("/Communication/" + message).then().statusCode(200).body("meta.versionId", equalTo("1"));

		// The receipt is a guide-conformant resource, found by the guide's in-response-to parameter.
		fhir().body(fhir().get("/Communication/" + receipt.getString("id")).asString())
				.post("/Communication/$validate").then().statusCode(200);
		fhir().queryParam("in-response-to", "Communication/" + message).get("/Communication")
				.then().statusCode(200).body("entry.resource.id", contains(receipt.getString("id")));

		markRead(home.sonToken, message, "acknowledged");
		JsonPath receipts = as(home.nurseToken).get("/Communication/" + message + "/$receipts").then().statusCode(200).extract().jsonPath();
		assertThat(receipts.getList("parameter.findAll { it.name == 'reader' }.part.flatten().findAll { it.name == 'who' }.valueReference.reference"),
				hasItems("Practitioner/" + home.pharmacist, "RelatedPerson/" + home.son));
		assertThat(receipts.getString("parameter.find { it.name == 'reader' && it.part.find { p -> p.name == 'who' }.valueReference.reference == 'RelatedPerson/"
				+ home.son + "' }.part.find { it.name == 'status' }.valueCoding.code"), equalTo("acknowledged"));
		List<String> pending = receipts.getList("parameter.findAll { it.name == 'pending' }.valueReference.reference");
		assertThat(pending, hasItems("PractitionerRole/" + home.caremanagerRole, "Practitioner/" + home.doctor, "Practitioner/" + home.helper));
		// The pharmacy is on the team as an Organization: its pharmacist's receipt counts for it.
		assertThat(pending, not(hasItem("Organization/" + home.pharmacy)));
		assertThat(pending, not(hasItem("RelatedPerson/" + home.son)));
		assertThat(receipts.getInt("parameter.find { it.name == 'read' }.valueInteger"), equalTo(1));
		assertThat(receipts.getInt("parameter.find { it.name == 'acknowledged' }.valueInteger"), equalTo(1));
	}

	@Test
	void malformedCallsAreClientErrors() {
		String message = toTheTeam("contact", "routine", "来週の訪問日程のご連絡です。");
		for (String reader : List.of("Practitioner/", "garbage", "Practitioner/999999999", "Observation/1", "Practitioner/a b", "")) {
			fhir().body("""
					{"resourceType":"Parameters","parameter":[{"name":"reader","valueReference":{"reference":"%s"}}]}""".formatted(reader))
					.post("/Communication/" + message + "/$mark-read").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
		}
		as(home.nurseToken).body("""
				{"resourceType":"Parameters","parameter":[{"name":"status","valueString":"既読"}]}""")
				.post("/Communication/" + message + "/$mark-read").then().statusCode(400);
		as(home.nurseToken).body("{\"resourceType\":\"Parameters\"").post("/Communication/" + message + "/$mark-read").then().statusCode(400);
		as(home.nurseToken).get("/Communication/" + message + "/$mark-read").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(405)));
		as(home.nurseToken).get("/Communication/no-such-message/$receipts").then().statusCode(404);
		as(home.nurseToken).queryParam("patient", "Patient/").get("/Communication/$unread").then().statusCode(400);
		fhir().queryParam("reader", "Practitioner/%00").get("/Communication/$unread").then().statusCode(400);
	}

	@Test
	void tenClicksAtOnceRecordOneReceipt() throws Exception {
		String message = toTheTeam("contact", "routine", "明日の訪問は10時に変更になりました。");
		java.util.concurrent.ExecutorService clicks = java.util.concurrent.Executors.newFixedThreadPool(10);
		try {
			List<java.util.concurrent.Future<String>> receipts = new java.util.ArrayList<>();
			for (int i = 0; i < 10; i++) {
				receipts.add(clicks.submit(() -> markRead(home.helperToken, message, "acknowledged").getString("id")));
			}
			java.util.Set<String> ids = new java.util.HashSet<>();
			for (java.util.concurrent.Future<String> receipt : receipts) {
				ids.add(receipt.get(TestTime.scaled(Duration.ofSeconds(60)).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
			}
			assertThat(ids.size(), equalTo(1));
		} finally {
			clicks.shutdownNow();
		}
		fhir().queryParam("in-response-to", "Communication/" + message).get("/Communication")
				.then().statusCode(200).body("total", equalTo(1));
	}

	@Test
	void onlyARecipientMarksAMessageAndNobodyWritesAReceiptDirectly() {
		String toTheDoctor = home.message(home.nurseToken, "Practitioner/" + home.nurse, "consultation", "routine",
				"疼痛時の頓用について相談です。", "Practitioner/" + home.doctor);
		// On the team, but not a recipient: 403. Outside the team: the 404 of a message that does not exist.
		as(home.helperToken).body("{\"resourceType\":\"Parameters\"}").post("/Communication/" + toTheDoctor + "/$mark-read")
				.then().statusCode(403).body("issue[0].diagnostics", containsString("not a recipient"));
		String hidden = as(home.outsiderToken).body("{\"resourceType\":\"Parameters\"}").post("/Communication/" + toTheDoctor + "/$mark-read")
				.then().statusCode(404).extract().jsonPath().getString("issue[0].diagnostics");
		String missing = as(home.outsiderToken).body("{\"resourceType\":\"Parameters\"}").post("/Communication/no-such-message/$mark-read")
				.then().statusCode(404).extract().jsonPath().getString("issue[0].diagnostics");
		assertThat(hidden.replace(toTheDoctor, "X"), equalTo(missing.replace("no-such-message", "X")));
		as(home.outsiderToken).get("/Communication/" + toTheDoctor + "/$receipts").then().statusCode(404);

		// Statuses outside the receipt value set, and receipts of receipts, are 400.
		as(home.doctorToken).body("""
				{"resourceType":"Parameters","parameter":[{"name":"status","valueCode":"unread"}]}""")
				.post("/Communication/" + toTheDoctor + "/$mark-read").then().statusCode(400).body("issue[0].diagnostics", containsString("read, acknowledged, done"));
		String receipt = markRead(home.doctorToken, toTheDoctor, "done").getString("id");
		as(home.nurseToken).body("{\"resourceType\":\"Parameters\"}").post("/Communication/" + receipt + "/$mark-read").then().statusCode(400);

		// A receipt written directly could speak for someone else: 403, even with every scope; no delete either.
		String forged = fhir().get("/Communication/" + receipt).asString().replace("\"id\":\"" + receipt + "\",", "");
		fhir().body(forged).post("/Communication").then().statusCode(403).body("issue[0].diagnostics", containsString("$mark-read"));
		fhir().delete("/Communication/" + receipt).then().statusCode(403);
		fhir().body("""
				{"resourceType":"Bundle","type":"transaction","entry":[{"resource":%s,"request":{"method":"POST","url":"Communication"}}]}"""
				.formatted(forged)).post("/").then().statusCode(403);
		// A backend client without a person names the reader; it must be a recipient too.
		fhir().body("{\"resourceType\":\"Parameters\"}").post("/Communication/" + toTheDoctor + "/$mark-read")
				.then().statusCode(400).body("issue[0].diagnostics", containsString("reader"));
		fhir().body("""
				{"resourceType":"Parameters","parameter":[{"name":"reader","valueReference":{"reference":"Practitioner/%s"}}]}""".formatted(home.doctor))
				.post("/Communication/" + toTheDoctor + "/$mark-read").then().statusCode(200)
				.body("sender.reference", equalTo("Practitioner/" + home.doctor));
	}

	@Test
	void unreadCountsPerPatientAndThreadForEachMember() {
		String first = toTheTeam("contact", "routine", "来週火曜のサービス担当者会議は14時からです。");
		String second = toTheTeam("report", "routine", "入浴介助時に右踵に発赤を確認しました。");

		JsonPath helperUnread = as(home.helperToken).queryParam("patient", "Patient/" + home.patient).get("/Communication/$unread")
				.then().statusCode(200).extract().jsonPath();
		List<String> messages = helperUnread.getList("parameter.findAll { it.name == 'message' }.valueReference.reference");
		assertThat(messages, hasItems("Communication/" + first, "Communication/" + second));
		int total = helperUnread.getInt("parameter.find { it.name == 'total' }.valueInteger");
		assertThat(helperUnread.getInt("parameter.find { it.name == 'patient' }.part.find { it.name == 'count' }.valueInteger"), equalTo(total));

		markRead(home.helperToken, first, null);
		List<String> after = as(home.helperToken).get("/Communication/$unread").then().statusCode(200).extract().jsonPath()
				.getList("parameter.findAll { it.name == 'message' }.valueReference.reference");
		assertThat(after, hasItem("Communication/" + second));
		assertThat(after, not(hasItem("Communication/" + first)));
		// The sender's own messages are not unread for her; an outsider has nothing unread about this patient.
		assertThat(as(home.nurseToken).get("/Communication/$unread").then().statusCode(200).extract().jsonPath()
				.getList("parameter.findAll { it.name == 'message' }.valueReference.reference"), not(hasItem("Communication/" + second)));
		as(home.outsiderToken).queryParam("patient", "Patient/" + home.patient).get("/Communication/$unread")
				.then().statusCode(200).body("parameter.find { it.name == 'total' }.valueInteger", equalTo(0));
		// The guide's priority search parameter.
		fhir().queryParam("subject", "Patient/" + home.patient).queryParam("priority", "routine").get("/Communication")
				.then().statusCode(200).body("entry.resource.id", hasItems(first, second));
	}

	@Test
	void anUrgentMessageNobodyAcknowledgesIsEscalatedToTheCoordinatorOnce() {
		String urgent = toTheTeam("condition-change", "urgent", "38.6℃の発熱、SpO2 91%。呼吸が苦しそうです。");
		markRead(home.pharmacistToken, urgent, "read"); // read is not acknowledged
		String reply = home.message(home.doctorToken, "Practitioner/" + home.doctor, "instruction", "routine", "状況を教えてください。",
				"Practitioner/" + home.nurse);
		assertThat(reply, not(equalTo(urgent)));
		try {
			clock().advance(Duration.ofMinutes(31));
			// The server's own check (every 2 s in the tests) finds it.
			Awaitility.await().atMost(TestTime.scaled(Duration.ofSeconds(60))).until(() -> escalationsOf(urgent).size() == 1);
			JsonPath escalation = JsonPath.from(fhir().get("/Communication/" + escalationsOf(urgent).get(0)).asString());
			assertThat(escalation.getString("priority"), equalTo("stat"));
			assertThat(escalation.getString("about[0].reference"), equalTo("Communication/" + urgent));
			assertThat(escalation.getList("recipient.reference"), contains("PractitionerRole/" + home.caremanagerRole));
			assertThat(escalation.getString("category[0].coding[0].code"), equalTo("escalation"));
			// The coordinator finds it among her unread messages.
			assertThat(as(home.caremanagerToken).get("/Communication/$unread").then().statusCode(200).extract().jsonPath()
					.getList("parameter.findAll { it.name == 'message' }.valueReference.reference"),
					hasItem("Communication/" + escalationsOf(urgent).get(0)));
			// Once only, however often the check runs.
			escalations.escalateDue();
			clock().advance(Duration.ofMinutes(31));
			escalations.escalateDue();
			assertThat(escalationsOf(urgent).size(), equalTo(1));
		} finally {
			clock().reset();
		}
	}

	@Test
	void anAcknowledgedUrgentMessageIsNotEscalated() {
		String urgent = toTheTeam("condition-change", "asap", "転倒あり。右大腿部の痛みを訴えています。");
		try {
			clock().advance(Duration.ofMinutes(20));
			markRead(home.caremanagerToken, urgent, "acknowledged");
			clock().advance(Duration.ofMinutes(20));
			escalations.escalateDue();
			assertThat(escalationsOf(urgent), equalTo(List.of()));
		} finally {
			clock().reset();
		}
		// A routine message never waits.
		String routine = toTheTeam("report", "routine", "本日は穏やかに過ごされています。");
		try {
			clock().advance(Duration.ofHours(2));
			escalations.escalateDue();
			assertThat(escalationsOf(routine), equalTo(List.of()));
		} finally {
			clock().reset();
		}
	}

	/** The ids of the escalation messages about {@code message}. */
	private List<String> escalationsOf(String message) {
		JsonPath found = fhir().queryParam("subject", "Patient/" + home.patient)
				.queryParam("category", HomeTeam.CATEGORY + "|escalation").queryParam("_count", "100")
				.get("/Communication").then().statusCode(200).extract().jsonPath();
		List<String> ids = found.getList("entry.resource.findAll { it.about != null && it.about[0].reference == 'Communication/" + message + "' }.id");
		return ids == null ? List.of() : ids;
	}
}
