package jp.zaitaku.fhir.profiles;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The example resources of the guide as SUSHI generated them (ig/fsh-generated/resources). */
public final class GuideExamples {

	static final Path RESOURCES = Path.of("ig", "fsh-generated", "resources");
	private static final List<String> CONFORMANCE = List.of(
			"StructureDefinition", "CodeSystem", "ValueSet", "NamingSystem", "SearchParameter", "ImplementationGuide",
			"CapabilityStatement");
	/**
	 * Referenced resources first, so each entry's references exist when it is written: a HealthcareService
	 * names its Organization, a PractitionerRole its HealthcareService, the Patient her PractitionerRole
	 * (family doctor), the sharing Consent the CareTeam, a ServiceRequest the admission Encounter, a Task its
	 * ServiceRequest, the CarePlan the Coverage, the ACP Consent and the back-up beds.
	 */
	private static final List<String> WRITE_ORDER = List.of("Organization", "HealthcareService", "Practitioner",
			"PractitionerRole", "Patient", "RelatedPerson", "Coverage", "CareTeam", "Consent", "Encounter",
			"ServiceRequest", "Task", "CarePlan", "Communication");

	private GuideExamples() {}

	/** The valid examples ({@code valid}) or the counter-examples (ids containing "-invalid-"), in write order. */
	static List<Path> all(boolean valid) {
		try (Stream<Path> files = Files.list(RESOURCES)) {
			return files.filter(f -> !CONFORMANCE.contains(type(f)))
					.filter(f -> f.getFileName().toString().contains("-invalid-") != valid)
					.sorted(Comparator.comparing((Path f) -> writeRank(type(f))).thenComparing(Path::toString))
					.collect(Collectors.toList());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int writeRank(String type) {
		int rank = WRITE_ORDER.indexOf(type);
		if (rank < 0) {
			throw new IllegalStateException("Add " + type + " to GuideExamples.WRITE_ORDER");
		}
		return rank;
	}

	static String type(Path file) {
		return file.getFileName().toString().split("-", 2)[0];
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String read(String fileName) {
		return read(RESOURCES.resolve(fileName));
	}

	/** The valid examples a client may write: all but the read receipts, which only $mark-read stores. */
	static List<Path> writable() {
		return all(true).stream().filter(example -> !read(example).contains("zaitaku-message-receipt")).toList();
	}

	/** A transaction Bundle that PUTs every valid example (but the read receipts) at its own id. */
	public static String teamTransaction() {
		String entries = writable().stream().map(example -> """
				{"resource":%s,"request":{"method":"PUT","url":"%s/%s"}}""".formatted(
						read(example), type(example), JsonPath.from(read(example)).getString("id")))
				.collect(Collectors.joining(","));
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
	}
}
