package jp.zaitaku.fhir.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import jp.zaitaku.fhir.ServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A database made before the project's tables were migrated by Flyway (their scripts ran at every
 * start, {@code db/before-flyway/}) upgrades in place: the server starts on it, keeps its rows, and
 * records the migrations from then on.
 */
class SchemaUpgradeIT {

	private static final String AUDIT_EVENT_ID = "5b0c6f0e-7a31-4c55-9d1e-6a2f3c4b5d6e";

	@Test
	void aDatabaseFromBeforeFlywayKeepsItsRowsAndIsMigratedFromThenOn() throws Exception {
		Path dataDir = Files.createDirectories(Path.of("target", "test-data", "upgrade-" + UUID.randomUUID())).toAbsolutePath();
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
				.setCleanDataDirectory(false).setLocaleConfig("encoding", "UTF8").setLocaleConfig("locale", "C")
				.setServerConfig("listen_addresses", "127.0.0.1").start()) {
			SingleConnectionDataSource database = new SingleConnectionDataSource(earlier.getJdbcUrl("postgres", "postgres"), true);
			ResourceDatabasePopulator scripts = new ResourceDatabasePopulator(
					new ClassPathResource("db/before-flyway/security-schema.sql"),
					new ClassPathResource("db/before-flyway/audit-schema.sql"),
					new ClassPathResource("db/before-flyway/access-schema.sql"));
			scripts.execute(database);
			JdbcTemplate jdbc = new JdbcTemplate(database);
			jdbc.update("INSERT INTO zaitaku_audit_event (id, recorded, patients, agents, client_id, action, subtype, outcome, purpose, resource)"
					+ " VALUES (?, now(), '{}', '{}', 'ehr-nerima', 'R', 'read', 0, 'TREAT', ?)", AUDIT_EVENT_ID, """
					{"resourceType":"AuditEvent","id":"%s","type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},
					 "recorded":"2026-11-20T09:30:00+09:00","outcome":"0","agent":[{"requestor":true,"who":{"display":"訪問看護 大泉"},
					 "network":{"address":"192.0.2.10","type":"2"}}],"source":{"observer":{"display":"Zaitaku FHIR"}},
					 "entity":[{"what":{"reference":"Patient/upgrade-hanako/_history/2"}}]}""".formatted(AUDIT_EVENT_ID));
			jdbc.update("INSERT INTO zaitaku_user (username, password_hash, totp_secret, fhir_user, display_name, role)"
					+ " VALUES ('oizumi', '{noop}x', 'JBSWY3DPEHPK3PXP', 'Practitioner/oizumi', '大泉 さくら', NULL)");
			// Tokens were stored as themselves.
			jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,"
					+ " access_token_value, refresh_token_value) VALUES ('a1', 'c1', 'oizumi', 'authorization_code', 'access-from-before',"
					+ " 'refresh-from-before')");
			database.destroy();
		}

		try (ServerProcess server = ServerProcess.start(dataDir, dataDir.resolveSibling(dataDir.getFileName() + ".log"))) {
			given().baseUri(server.baseUrl()).basePath("").accept("application/fhir+json")
					.get("/AuditEvent/" + AUDIT_EVENT_ID)
					.then().statusCode(200).body("agent[0].who.display", equalTo("訪問看護 大泉"));
			// The migration that added the entity and address columns filled them from the events before it.
			given().baseUri(server.baseUrl()).basePath("").accept("application/fhir+json")
					.get("/AuditEvent?entity=Patient/upgrade-hanako&address=192.0.2")
					.then().statusCode(200).body("entry[0].resource.id", equalTo(AUDIT_EVENT_ID));
			try (Connection connection = DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + postgresPort(dataDir) + "/postgres", "postgres", "")) {
				JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
				List<String> applied = jdbc.queryForList(
						"SELECT version FROM zaitaku_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank", String.class);
				assertEquals("0", applied.get(0), "the database from before is the baseline: " + applied);
				assertTrue(applied.contains("2026.12.07.1"), () -> "migrations applied: " + applied);
				assertEquals("大泉 さくら", jdbc.queryForObject("SELECT display_name FROM zaitaku_user WHERE username = 'oizumi'", String.class));
				// They are kept as digests now, the same the server computes for a token presented to it.
				assertEquals(List.of(digest("access-from-before"), digest("refresh-from-before")), jdbc.queryForList(
						"SELECT unnest(ARRAY[access_token_value, refresh_token_value]) FROM oauth2_authorization WHERE id = 'a1'", String.class));
			}
			List<String> errors = server.errorsLogged();
			assertTrue(errors.isEmpty(), () -> "errors at the upgrade: " + errors);
		}
	}

	/** SHA-256, unpadded base64url, after {@code sha256:}: how tokens are stored. */
	private static String digest(String token) throws java.security.NoSuchAlgorithmException {
		return "sha256:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
				java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	/** The embedded PostgreSQL's port, fourth line of its postmaster.pid. */
	private static int postgresPort(Path dataDir) throws java.io.IOException {
		return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"), StandardCharsets.UTF_8).get(3).trim());
	}
}
