package jp.zaitaku.fhir.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guide's CapabilityStatement says what the server does: each type's profile is the one the
 * server enforces on every write of that type, and every SearchParameter of the guide is listed under
 * its type.
 */
class GuideCapabilityStatementTest {

	private static final Path PACKAGE = Path.of("ig", "fsh-generated", "resources");
	private static final ObjectMapper JSON = new ObjectMapper();

	private static Map<String, JsonNode> resourcesByType() throws IOException {
		JsonNode statement = JSON.readTree(PACKAGE.resolve("CapabilityStatement-zaitaku-server.json").toFile());
		Map<String, JsonNode> byType = new HashMap<>();
		statement.path("rest").get(0).path("resource").forEach(resource -> byType.put(resource.path("type").asText(), resource));
		return byType;
	}

	@Test
	void everyTypeIsListedWithTheProfileTheServerEnforces() throws IOException {
		Map<String, JsonNode> listed = resourcesByType();
		assertEquals(HomeCareProfiles.REQUIRED_BY_TYPE.keySet(), listed.keySet());
		HomeCareProfiles.REQUIRED_BY_TYPE.forEach((type, profile) ->
				assertEquals(profile, listed.get(type).path("profile").asText(), type));
	}

	@Test
	void everySearchParameterOfTheGuideIsListedUnderItsType() throws IOException {
		Map<String, JsonNode> listed = resourcesByType();
		List<JsonNode> searchParameters;
		try (Stream<Path> files = Files.list(PACKAGE)) {
			searchParameters = files.filter(file -> file.getFileName().toString().startsWith("SearchParameter-"))
					.map(file -> {
						try {
							return JSON.readTree(file.toFile());
						} catch (IOException e) {
							throw new java.io.UncheckedIOException(e);
						}
					}).toList();
		}
		assertTrue(searchParameters.size() >= 7);
		for (JsonNode parameter : searchParameters) {
			String base = parameter.path("base").get(0).asText();
			Set<String> definitions = new HashSet<>();
			listed.get(base).path("searchParam").forEach(param -> definitions.add(param.path("definition").asText()));
			assertTrue(definitions.contains(parameter.path("url").asText()), () -> parameter.path("url").asText() + " not listed under " + base);
		}
	}
}
