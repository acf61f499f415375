package jp.zaitaku.fhir.profiles;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Which of the guide's profiles a written resource must conform to.
 *
 * <p>The team's core resources (CareTeam, CarePlan, Encounter, Communication) are what the other
 * members act on, so in strict mode they are held to the guide even when the sender does not claim
 * a profile. A resource that claims one of the guide's profiles (a read receipt claims
 * zaitaku-message-receipt, not zaitaku-communication) is validated against what it claims.
 */
final class HomeCareProfiles {

	private static final Map<String, String> REQUIRED_BY_TYPE = Map.of(
			"CareTeam", HomeCareGuide.Profiles.CARE_TEAM,
			"CarePlan", HomeCareGuide.Profiles.CARE_PLAN,
			"Encounter", HomeCareGuide.Profiles.ENCOUNTER,
			"Communication", HomeCareGuide.Profiles.COMMUNICATION);

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
