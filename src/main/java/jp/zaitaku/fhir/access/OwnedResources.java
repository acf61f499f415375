package jp.zaitaku.fhir.access;

import java.util.Set;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The owner of a resource of an owned type ({@link ReachRule.Reach#OWNED}): a tag the server writes
 * (system {@link HomeCareGuide.ServerTags#OWNER}, code {@code Practitioner/1}), replacing whatever a
 * client sent in its place.
 */
public final class OwnedResources {

	private OwnedResources() {}

	/** The owners the resource's tags name: one, or none for a resource of a caller who reaches every patient. */
	public static Set<String> ownersOf(IBaseResource resource) {
		return resource.getMeta().getTag().stream()
				.filter(tag -> HomeCareGuide.ServerTags.OWNER.equals(tag.getSystem()) && tag.getCode() != null)
				.map(IBaseCoding::getCode).collect(Collectors.toSet());
	}

	/** Whether {@code who} owns the resource, and nobody else does. */
	static boolean isOwnedBy(IBaseResource resource, String who) {
		return who != null && ownersOf(resource).equals(Set.of(who));
	}

	/** Makes {@code who} the resource's only owner. */
	static void claimFor(IBaseResource resource, String who) {
		resource.getMeta().getTag().removeIf(tag -> HomeCareGuide.ServerTags.OWNER.equals(tag.getSystem()));
		resource.getMeta().addTag().setSystem(HomeCareGuide.ServerTags.OWNER).setCode(who).setDisplay("作成者 / owner");
	}
}
