package jp.zaitaku.fhir.server;

import jp.zaitaku.fhir.security.authorization.BackendClient;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import org.springframework.beans.factory.annotation.Autowired;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/**
 * Runs the testers' Postman collection (docs/postman) with newman against the test server, so the
 * collection a tester imports is known to pass. newman is installed by the build (npm ci) into
 * docs/postman/node_modules.
 */
class PostmanCollectionIT extends FhirServerTestBase {

	private static final Path POSTMAN = Path.of("docs", "postman");

	@Autowired
	private ClientRegistrations clients;

	/** A token of a client registered for the administration API, for the collection's folder 6. */
	private String adminToken() {
		BackendClient admin = BackendClient.es384("postman-admin-" + java.util.UUID.randomUUID());
		clients.save(admin.registration(List.of("zaitaku-admin")));
		return admin.token(serverUrl(), "zaitaku-admin");
	}

	@Test
	void postmanCollectionPassesAgainstTheServer() throws Exception {
		Path newman = POSTMAN.resolve("node_modules/newman/bin/newman.js");
		Path report = Files.createDirectories(Path.of("target")).resolve("newman.log");
		Process run = new ProcessBuilder(List.of(
						"node", newman.toString(), "run",
						POSTMAN.resolve("zaitaku-fhir.postman_collection.json").toString(),
						"-e", POSTMAN.resolve("local.postman_environment.json").toString(),
						"--env-var", "baseUrl=http://localhost:" + port + "/fhir",
						"--env-var", "accessToken=" + accessToken(),
						"--env-var", "adminUrl=http://localhost:" + port + "/admin",
						"--env-var", "adminToken=" + adminToken(),
						"--color", "off", "--disable-unicode"))
				.redirectErrorStream(true)
				.redirectOutput(report.toFile())
				.start();
		if (!run.waitFor(10, TimeUnit.MINUTES)) {
			run.destroyForcibly();
		}
		String output = Files.readString(report);
		System.out.println(output);
		assertEquals(0, run.exitValue(), "newman reported failures; see target/newman.log");
	}
}
