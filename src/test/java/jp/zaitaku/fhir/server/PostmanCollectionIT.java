package jp.zaitaku.fhir.server;

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
