package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import jp.zaitaku.fhir.access.CareTeamMembership;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A message's recipients as people: those it names (a Practitioner, one of their roles, their
 * organisation, a family member) and, for a CareTeam recipient, the team's current members.
 */
@Component
class Recipients {

	private final DaoRegistry daos;
	private final CareTeamMembership membership;

	Recipients(DaoRegistry daos, CareTeamMembership membership) {
		this.daos = daos;
		this.membership = membership;
	}

	/** Whether the reader is one of the message's recipients, directly or as a current member of a team it is sent to. */
	boolean includes(Communication message, Readers.Reader reader) {
		for (Reference recipient : message.getRecipient()) {
			String named = referenceOf(recipient);
			if (named == null) {
				continue;
			}
			if (reader.identities().contains(named)) {
				return true;
			}
			if (named.startsWith("CareTeam/") && team(named).map(team -> membership.isCurrentMember(team, reader.identities())).orElse(false)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Everyone the message is addressed to, as the references it or its teams name them: the named
	 * recipients other than teams, and each team's current members.
	 */
	Set<String> addressees(Communication message) {
		Set<String> addressees = new LinkedHashSet<>();
		for (Reference recipient : message.getRecipient()) {
			String named = referenceOf(recipient);
			if (named == null) {
				continue;
			}
			if (named.startsWith("CareTeam/")) {
				team(named).ifPresent(team -> team.getParticipant().stream()
						.filter(participant -> participant.hasMember() && membership.isCurrentMember(team, Set.of(referenceOf(participant.getMember()))))
						.forEach(participant -> addressees.add(referenceOf(participant.getMember()))));
			} else {
				addressees.add(named);
			}
		}
		return addressees;
	}

	/** {@code Practitioner/1} for a local reference, null for a display-only or external one. */
	static String referenceOf(Reference reference) {
		if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")) {
			return null;
		}
		IdType id = new IdType(reference.getReference());
		return id.getResourceType() == null || !id.hasIdPart() || id.isAbsolute() ? null : id.toUnqualifiedVersionless().getValue();
	}

	private Optional<CareTeam> team(String reference) {
		try {
			return Optional.of((CareTeam) daos.getResourceDao("CareTeam").read(new IdType(reference), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
