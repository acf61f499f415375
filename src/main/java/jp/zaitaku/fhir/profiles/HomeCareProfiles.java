package jp.zaitaku.fhir.profiles;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Which of the guide's profiles a written resource must conform to.
 *
 * <p>In strict mode every write of a type the guide profiles is held to the guide's profile of that
 * type, even when the sender claims none: the other members of the team act on what is stored. A
 * resource that claims one of the guide's profiles (a read receipt claims zaitaku-message-receipt,
 * not zaitaku-communication) is validated against what it claims.
 */
final class HomeCareProfiles {

	/** The guide's profile of each type it profiles; Communication's default is the team message. */
	static final Map<String, String> REQUIRED_BY_TYPE = Map.ofEntries(
			Map.entry("CarePlan", HomeCareGuide.Profiles.CARE_PLAN),
			Map.entry("CareTeam", HomeCareGuide.Profiles.CARE_TEAM),
			Map.entry("Communication", HomeCareGuide.Profiles.COMMUNICATION),
			Map.entry("Consent", HomeCareGuide.Profiles.CONSENT),
			Map.entry("Coverage", HomeCareGuide.Profiles.COVERAGE),
			Map.entry("Encounter", HomeCareGuide.Profiles.ENCOUNTER),
			Map.entry("HealthcareService", HomeCareGuide.Profiles.HEALTHCARE_SERVICE),
			Map.entry("Organization", HomeCareGuide.Profiles.ORGANIZATION),
			Map.entry("Patient", HomeCareGuide.Profiles.PATIENT),
			Map.entry("Practitioner", HomeCareGuide.Profiles.PRACTITIONER),
			Map.entry("PractitionerRole", HomeCareGuide.Profiles.PRACTITIONER_ROLE),
			Map.entry("RelatedPerson", HomeCareGuide.Profiles.RELATED_PERSON),
			Map.entry("ServiceRequest", HomeCareGuide.Profiles.SERVICE_REQUEST),
			Map.entry("Task", HomeCareGuide.Profiles.TASK));

	private HomeCareProfiles() {}

	/** The guide's profiles to validate {@code resource} against; empty when it need not be validated. */
	static List<String> toValidate(IBaseResource resource, String resourceType, ProfileValidationProperties.Mode mode) {
		if (mode == ProfileValidationProperties.Mode.OFF) {
			return List.of();
		}
		List<String> claimed = resource.getMeta().getProfile().stream()
				.map(IPrimitiveType::getValueAsString)
				.filter(url -> url != null && url.startsWith(HomeCareGuide.Profiles.PREFIX))
				.map(HomeCareProfiles::withoutVersion)
				.toList();
		if (!claimed.isEmpty() || mode == ProfileValidationProperties.Mode.DECLARED) {
			return claimed;
		}
		String required = REQUIRED_BY_TYPE.get(resourceType);
		return required == null ? List.of() : List.of(required);
	}

	private static String withoutVersion(String canonical) {
		int bar = canonical.indexOf('|');
		return bar < 0 ? canonical : canonical.substring(0, bar);
	}
}
