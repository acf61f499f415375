package jp.zaitaku.fhir.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed FHIR package in ig/fsh-generated is exactly what the FSH sources in ig/input/fsh
 * compile to. Runs the offline IG build (R4 core package cache from Maven Central, SUSHI from npm).
 */
class ImplementationGuidePackageIT {

	@Test
	void committedPackageMatchesTheFshSources() throws Exception {
		Path log = Files.createDirectories(Path.of("target")).resolve("ig-check.log");
		Process check = new ProcessBuilder(List.of("bash", "ig/check.sh"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
		if (!check.waitFor(10, TimeUnit.MINUTES)) {
			check.destroyForcibly();
		}
		System.out.println(Files.readString(log));
		assertEquals(0, check.exitValue(), "ig/check.sh failed; see target/ig-check.log");
	}
}
