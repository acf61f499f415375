package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.LinkedHashSet;
import java.util.Set;
import jp.zaitaku.fhir.access.CareTeamMembership;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.springframework.stereotype.Component;

/** The current coordinators (調整役, usually the care manager) of a patient's active care teams. */
@Component
class TeamCoordinators {

	private static final int MOST_TEAMS = 100;

	private final DaoRegistry daos;
	private final CareTeamMembership membership;
	TeamCoordinators(DaoRegistry daos, CareTeamMembership membership) {
		this.daos = daos;
		this.membership = membership;
	}

	/** References to the coordinators ({@code PractitionerRole/1}, as the teams name them), each once. */
	Set<String> of(String patient) {
		SearchParameterMap teams = SearchParameterMap.newSynchronous()
				.add(CareTeam.SP_PATIENT, new ReferenceParam(patient))
				.add(CareTeam.SP_STATUS, new TokenParam("active"));
		Set<String> coordinators = new LinkedHashSet<>();
		for (IBaseResource found : daos.getResourceDao("CareTeam").search(teams, new SystemRequestDetails()).getResources(0, MOST_TEAMS)) {
			CareTeam team = (CareTeam) found;
			if (!membership.isWithinPeriod(team)) {
				continue;
			}
			for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
				String member = Recipients.referenceOf(participant.getMember());
				if (member != null && isCoordinator(participant) && membership.isCurrentMember(team, Set.of(member))) {
					coordinators.add(member);
				}
			}
		}
		return coordinators;
	}

	private static boolean isCoordinator(CareTeam.CareTeamParticipantComponent participant) {
		return participant.getRole().stream().flatMap(role -> role.getCoding().stream())
				.anyMatch(code -> HomeCareGuide.CareTeamRole.SYSTEM.equals(code.getSystem()) && HomeCareGuide.CareTeamRole.COORDINATOR.equals(code.getCode()));
	}

}
