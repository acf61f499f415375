package jp.zaitaku.fhir.profiles;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every URL and code of {@link HomeCareGuide} is one the guide's generated package defines. */
class HomeCareGuideTest {

	private static final Path PACKAGE = Path.of("ig", "fsh-generated", "resources");
	private static final Map<String, Set<String>> urlsByType = new HashMap<>();
	private static final Map<String, Set<String>> codesBySystem = new HashMap<>();

	@BeforeAll
	static void readThePackage() throws IOException {
		ObjectMapper json = new ObjectMapper();
		try (Stream<Path> files = Files.list(PACKAGE)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
				JsonNode resource = json.readTree(file.toFile());
				String type = resource.path("resourceType").asText();
				Set<String> urls = urlsByType.computeIfAbsent(type, t -> new HashSet<>());
				if (resource.hasNonNull("url")) {
					urls.add(resource.get("url").asText());
				}
				resource.path("uniqueId").forEach(id -> urls.add(id.path("value").asText()));
				if (type.equals("CodeSystem")) {
					Set<String> codes = codesBySystem.computeIfAbsent(resource.get("url").asText(), s -> new HashSet<>());
					collectCodes(resource.path("concept"), codes);
				}
			}
		}
	}

	private static void collectCodes(JsonNode concepts, Set<String> codes) {
		for (JsonNode concept : concepts) {
			codes.add(concept.path("code").asText());
			collectCodes(concept.path("concept"), codes);
		}
	}

	private static List<Field> constants(Class<?> holder) {
		List<Field> constants = new ArrayList<>();
		for (Field field : holder.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers()) && field.getType() == String.class) {
				constants.add(field);
			}
		}
		return constants;
	}

	private static List<String> notIn(Class<?> holder, Set<String> defined, String... except) throws IllegalAccessException {
		List<String> missing = new ArrayList<>();
		for (Field field : constants(holder)) {
			if (!List.of(except).contains(field.getName()) && !defined.contains((String) field.get(null))) {
				missing.add(holder.getSimpleName() + "." + field.getName() + " = " + field.get(null));
			}
		}
		return missing;
	}

	@Test
	void everyProfileAndExtensionIsAStructureDefinitionOfTheGuide() throws Exception {
		Set<String> definitions = urlsByType.get("StructureDefinition");
		List<String> missing = new ArrayList<>(notIn(HomeCareGuide.Profiles.class, definitions, "PREFIX"));
		missing.addAll(notIn(HomeCareGuide.Extensions.class, definitions));
		assertTrue(missing.isEmpty(), () -> "not in ig/fsh-generated: " + missing);
	}

	@Test
	void everyProfileOfTheGuideIsNamedHere() throws Exception {
		Set<String> named = new HashSet<>();
		for (Field field : constants(HomeCareGuide.Profiles.class)) {
			named.add((String) field.get(null));
		}
		List<String> unnamed = urlsByType.get("StructureDefinition").stream()
				.filter(url -> url.substring(url.lastIndexOf('/') + 1).startsWith("zaitaku-"))
				.filter(url -> !named.contains(url)).sorted().toList();
		assertTrue(unnamed.isEmpty(), () -> "profiles of the guide missing from HomeCareGuide.Profiles: " + unnamed);
	}

	@Test
	void everyNamingSystemIsOneOfTheGuide() throws Exception {
		List<String> missing = notIn(HomeCareGuide.NamingSystems.class, urlsByType.get("NamingSystem"));
		assertTrue(missing.isEmpty(), () -> "not in ig/fsh-generated: " + missing);
	}

	@Test
	void everyCodeIsInItsCodeSystem() throws Exception {
		List<String> missing = new ArrayList<>();
		for (Class<?> codeSystem : List.of(HomeCareGuide.CareTeamRole.class, HomeCareGuide.MessageCategory.class,
				HomeCareGuide.ParticipationStatus.class, HomeCareGuide.ReceiptStatus.class)) {
			String system = (String) codeSystem.getField("SYSTEM").get(null);
			Set<String> codes = codesBySystem.getOrDefault(system, Set.of());
			if (codes.isEmpty()) {
				missing.add("CodeSystem " + system);
			}
			missing.addAll(notIn(codeSystem, codes, "SYSTEM"));
		}
		assertTrue(missing.isEmpty(), () -> "not in ig/fsh-generated: " + missing);
	}

	@Test
	void theServersOwnTagsAreNotTheGuides() throws Exception {
		for (Field field : constants(HomeCareGuide.ServerTags.class)) {
			String url = (String) field.get(null);
			assertTrue(urlsByType.values().stream().noneMatch(urls -> urls.contains(url)), url + " is defined by the guide");
		}
	}
}
