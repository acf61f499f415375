package jp.zaitaku.fhir;

import jp.zaitaku.fhir.security.authorization.BackendClient;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one server all HTTP tests talk to: the real application on a random port, on its own embedded
 * PostgreSQL under target/. Every test class extends this with the same configuration, so Spring
 * starts the server once for the whole run.
 */
@SpringBootTest(
		classes = ZaitakuFhirApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"server.address=127.0.0.1", "zaitaku.storage.data-dir=target/test-data/shared-server", "zaitaku.server.max-request-size=1MB",
				"zaitaku.security.allow-http-jwks-urls=true", "zaitaku.messaging.escalation-check-interval=2s",
				"zaitaku.messaging.allow-private-endpoints=true", "zaitaku.messaging.attachment-max-size=200KB"})
@Import(FhirServerTestBase.TestClock.class)
public abstract class FhirServerTestBase {

	/** The server's clock in tests: the system's, which a test may move ({@link #clock()}). */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {
		@Bean
		@Primary
		AdjustableClock adjustableClock() {
			return new AdjustableClock();
		}
	}

	protected static final String FHIR_JSON = "application/fhir+json";
	protected static final String FHIR_XML = "application/fhir+xml";
	protected static final String KANA_EXTENSION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

	/** The test suite's own backend client: everything on the server (system/*.cruds). */
	private static final BackendClient SUITE_CLIENT = BackendClient.es384("zaitaku-test-suite");
	private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(3);
	private static String accessToken;
	private static Instant accessTokenFetched = Instant.MIN;

	@LocalServerPort
	protected int port;

	@Autowired
	private ClientRegistrations clientRegistrations;

	@Autowired
	private AdjustableClock clock;

	/** The server's clock: move it to test what happens later, and reset it in a {@code finally}. */
	protected AdjustableClock clock() {
		return clock;
	}

	@BeforeEach
	void pointRestAssuredAtTheServer() {
		RestAssured.port = port;
		RestAssured.basePath = "/fhir";
		RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
		// FHIR bodies are UTF-8; RestAssured would send a content type it does not know as ISO-8859-1.
		RestAssured.config = RestAssured.config().encoderConfig(
				io.restassured.config.EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8));
		if (Instant.now().isAfter(accessTokenFetched.plus(TOKEN_RENEWAL))) {
			clientRegistrations.save(SUITE_CLIENT.registration(List.of("system/*.cruds")));
			accessToken = SUITE_CLIENT.token(serverUrl(), "system/*.cruds");
			accessTokenFetched = Instant.now();
		}
	}

	/** The server's root URL as tests reach it (the issuer of its tokens). */
	protected String serverUrl() {
		return "http://localhost:" + port;
	}

	/** An access token of the suite's backend client, allowed everything. */
	protected static String accessToken() {
		return accessToken;
	}

	/** A FHIR request as an authorised backend client sends it. */
	protected static RequestSpecification fhir() {
		return anonymous().header("Authorization", "Bearer " + accessToken);
	}

	/** A FHIR request without an access token. */
	protected static RequestSpecification anonymous() {
		return given().accept(FHIR_JSON).contentType(FHIR_JSON + "; charset=UTF-8");
	}

	/** A value no other test (or earlier run) has used, for identifiers and search isolation. */
	public static String unique() {
		return UUID.randomUUID().toString();
	}

	/** A Patient in kanji and kana (漢字・カナ), as JP Core writes names, with a searchable identifier. */
	protected static String patientJson(String family, String given, String familyKana, String givenKana, String identifier) {
		return """
				{"resourceType":"Patient",
				 "identifier":[{"system":"urn:zaitaku:test","value":"%s"}],
				 "name":[
				  {"use":"official","text":"%s %s","family":"%s","given":["%s"],
				   "extension":[{"url":"%s","valueCode":"IDE"}]},
				  {"use":"official","text":"%s %s","family":"%s","given":["%s"],
				   "extension":[{"url":"%s","valueCode":"SYL"}]}],
				 "gender":"female","birthDate":"1938-04-01",
				 "address":[{"text":"東京都練馬区豊玉北6-12-1","city":"練馬区","state":"東京都"}]}
				""".formatted(identifier, family, given, family, given, KANA_EXTENSION,
						familyKana, givenKana, familyKana, givenKana, KANA_EXTENSION);
	}

	protected static String createPatient(String family, String given, String familyKana, String givenKana) {
		return created(fhir().body(patientJson(family, given, familyKana, givenKana, unique())).post("/Patient"));
	}

	/**
	 * A team message as the home-care profile wants it (category, thread, sender, recipients, sent),
	 * from the patient to the team, so it needs no other resources than the patient.
	 */
	public static String communicationJson(String patientId, String text) {
		return """
				{"resourceType":"Communication","status":"completed",
				 "extension":[{"url":"https://zaitaku-fhir.github.io/ig/StructureDefinition/communication-thread",
				   "valueIdentifier":{"system":"https://zaitaku-fhir.github.io/ig/NamingSystem/communication-thread","value":"urn:uuid:%s"}}],
				 "category":[{"coding":[{"system":"https://zaitaku-fhir.github.io/ig/CodeSystem/message-category","code":"report","display":"報告"}]}],
				 "subject":{"reference":"Patient/%s"},
				 "sent":"2025-06-02T10:45:00+09:00",
				 "sender":{"reference":"Patient/%s"},
				 "recipient":[{"display":"在宅チーム"}],
				 "payload":[{"contentString":"%s"}]}
				""".formatted(unique(), patientId, patientId, text);
	}

	/**
	 * Sends a GET exactly as written, bypassing the HTTP client's own URL checks (which would refuse
	 * or re-encode what a careless client sends), and returns the raw response: status line, headers, body.
	 */
	protected String rawGet(String pathAndQuery) throws IOException {
		return rawRequest("GET", pathAndQuery, null, null);
	}

	/** Like {@link #rawGet}, for any method, with an optional Content-Type and body. */
	protected String rawRequest(String method, String pathAndQuery, String contentType, byte[] body) throws IOException {
		StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
				+ "Authorization: Bearer " + accessToken + "\r\n"
				+ "Accept: application/fhir+json\r\nConnection: close\r\n");
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) TestTime.scaled(Duration.ofSeconds(60)).toMillis());
			socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
			if (body != null) {
				socket.getOutputStream().write(body);
			}
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Asserts a 201 and returns the new resource's logical id. */
	public static String created(Response response) {
		response.then().statusCode(201);
		return response.jsonPath().getString("id");
	}
}
