package jp.zaitaku.fhir.access;

import java.time.Clock;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.stereotype.Component;

/**
 * 情報共有の同意: the patient's sharing Consent (scope {@code patient-privacy}, status active, the
 * latest by {@code dateTime}) narrows which team members see the patient.
 * <ul>
 *   <li>no sharing Consent on file: the team shares as its membership says;
 *   <li>{@code permit} naming recipients ({@code provision.actor}: the CareTeam, Organizations,
 *       PractitionerRoles, Practitioners, RelatedPersons): only those; without recipients, the whole team;
 *   <li>{@code deny} (同意しない・撤回): no one but the organisation that recorded it ({@code Consent.organization}).
 * </ul>
 */
@Component
class SharingConsents {

	static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";

	private final DaoRegistry daos;
	private final Clock clock;

	SharingConsents(DaoRegistry daos, Clock clock) {
		this.clock = clock;
		this.daos = daos;
	}

	/** Whether the patient's consent lets this team member ({@code memberRefs}: who they are, their roles and organisations) see them. */
	boolean allows(String patientId, Set<String> memberRefs, String teamRef) {
		return latest(patientId).map(consent -> allows(consent, memberRefs, teamRef)).orElse(true);
	}

	private static boolean allows(Consent consent, Set<String> memberRefs, String teamRef) {
		if (consent.getProvision().getType() == Consent.ConsentProvisionType.DENY) {
			return consent.getOrganization().stream()
					.anyMatch(org -> memberRefs.contains(org.getReferenceElement().toUnqualifiedVersionless().getValue()));
		}
		if (!consent.getProvision().hasActor()) {
			return true;
		}
		return consent.getProvision().getActor().stream()
				.map(actor -> actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue())
				.anyMatch(actor -> actor != null && (actor.equals(teamRef) || memberRefs.contains(actor)));
	}

	private Optional<Consent> latest(String patientId) {
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(Consent.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
				.add(Consent.SP_STATUS, new TokenParam("active"))
				.add(Consent.SP_SCOPE, new TokenParam(CONSENT_SCOPE, "patient-privacy"));
		search.setCount(100);
		return daos.getResourceDao("Consent").search(search, new SystemRequestDetails()).getResources(0, 100).stream()
				.map(Consent.class::cast)
				.filter(consent -> !consent.getProvision().hasPeriod() || !consent.getProvision().getPeriod().hasEnd()
						|| consent.getProvision().getPeriod().getEnd().toInstant().isAfter(clock.instant()))
				.max(Comparator.comparing(consent -> consent.hasDateTime() ? consent.getDateTime() : new Date(0)));
	}
}
