package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.profiles.HomeCareGuide;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * What the family members (家族) of one care team may see of their patient: which resource types, and
 * which team-message categories. A team says so in its extension careteam-family-visibility; a team that
 * says nothing (or leaves out one of the two lists) gets the server's defaults
 * ({@code zaitaku.access.family-readable-types}, {@code family-message-categories}). The directory
 * (Practitioner, Organization ...) is readable whatever a team says.
 *
 * @param readableTypes resource types family may read about their patient
 * @param messageCategories message-category codes of the team messages family sees and may write
 */
public record FamilyView(Set<String> readableTypes, Set<String> messageCategories) {


	/** A family member on no team sees nothing of any patient. */
	public static final FamilyView NOTHING = new FamilyView(Set.of(), Set.of());

	public FamilyView {
		messageCategories = Set.copyOf(messageCategories);
		// Without a category, no team message is for family: the type itself is then out of reach, so a
		// search of it is refused rather than narrowed by an empty (ignored) condition.
		Set<String> types = new HashSet<>(readableTypes);
		if (messageCategories.isEmpty()) {
			types.remove("Communication");
		}
		readableTypes = Set.copyOf(types);
	}

	/** The server's defaults, for teams that say nothing. */
	static FamilyView defaults(AccessProperties properties) {
		return new FamilyView(properties.familyReadableTypes(), properties.familyMessageCategories());
	}

	/** What a family member's team(s) let family see; the server's defaults for an access made without one. */
	static FamilyView of(CallerAccess access, AccessProperties properties) {
		return access.familyView() != null ? access.familyView() : defaults(properties);
	}

	/** What {@code team} gives its family members; what it leaves out comes from {@code defaults}. */
	static FamilyView of(CareTeam team, FamilyView defaults) {
		Extension visibility = team.getExtensionByUrl(HomeCareGuide.Extensions.CARE_TEAM_FAMILY_VISIBILITY);
		if (visibility == null) {
			return defaults;
		}
		Set<String> types = values(visibility, "resourceType");
		Set<String> categories = values(visibility, "messageCategory");
		return new FamilyView(types.isEmpty() ? defaults.readableTypes() : types,
				categories.isEmpty() ? defaults.messageCategories() : categories);
	}

	/** A family member on two teams of their patient sees what either team gives them. */
	FamilyView and(FamilyView other) {
		Set<String> types = new LinkedHashSet<>(readableTypes);
		types.addAll(other.readableTypes);
		Set<String> categories = new LinkedHashSet<>(messageCategories);
		categories.addAll(other.messageCategories);
		return new FamilyView(types, categories);
	}

	private static Set<String> values(Extension visibility, String part) {
		Set<String> values = new LinkedHashSet<>();
		for (Extension one : visibility.getExtensionsByUrl(part)) {
			if (one.getValue() instanceof PrimitiveType<?> value && value.getValueAsString() != null && !value.getValueAsString().isBlank()) {
				values.add(value.getValueAsString());
			}
		}
		return values;
	}
}
