package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.security.PatientsOfPerson;
import java.time.Clock;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * チーム参加: the patients a person or organisation cares for, read from the active CareTeams they
 * are on — a Practitioner (while {@code active}) directly, through one of their PractitionerRoles or through the
 * Organization of one; an organisation directly or through its PractitionerRoles; a family member
 * (RelatedPerson) only for their own patient. A participant whose participation has ended (status
 * extension {@code ended}, or a period that is over) is no longer on the team. The patient's sharing
 * consent ({@link SharingConsents}) may narrow this further.
 *
 * <p>Answers are cached; every committed write of a CareTeam, PractitionerRole, RelatedPerson or
 * Consent, by any caller, clears the cache, so a member removed from a team loses access on the next
 * request; an answer is also recomputed once a participation period of the member starts or ends.
 */
@Component
public class CareTeamMembership implements PatientsOfPerson {

	static final String PARTICIPATION_STATUS = HomeCareGuide.Extensions.CARE_TEAM_PARTICIPATION_STATUS;
	private static final Set<String> MEMBERSHIP_TYPES = Set.of("CareTeam", "Practitioner", "PractitionerRole", "RelatedPerson", "Consent");
	private static final int MOST_TEAMS = 2000;

	private final DaoRegistry daos;
	private final SharingConsents consents;
	/** Part of every cache key: raised by each membership change, so answers computed before it are never used after. */
	private final AtomicLong generation = new AtomicLong();
	private final Cache<String, Answer> patients;
	private final FamilyView familyDefaults;
	private final Clock clock;

	/**
	 * A lookup's answer, good until the next participation period of the member starts or ends (null: no
	 * such date); for a family member also what their teams let family see (null for others).
	 */
	private record Answer(Set<String> patients, Instant validUntil, FamilyView familyView) {
		Answer(Set<String> patients, Instant validUntil) {
			this(patients, validUntil, null);
		}

		boolean isStale(Instant now) {
			return validUntil != null && !validUntil.isAfter(now);
		}
	}

	public CareTeamMembership(DaoRegistry daos, SharingConsents consents, IInterceptorService storageInterceptors,
			AccessProperties properties, Clock clock) {
		this.daos = daos;
		this.clock = clock;
		this.consents = consents;
		this.familyDefaults = FamilyView.defaults(properties);
		this.patients = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.membershipCacheTime()).build();
		// On the storage interceptors, not the REST server's: writes made by the server itself count too.
		storageInterceptors.registerInterceptor(new MembershipChangeListener());
	}

	/**
	 * The ids of the patients {@code member} ({@code Practitioner/..}, {@code RelatedPerson/..} or
	 * {@code Organization/..}) is on an active care team for.
	 */
	@Override
	public Set<String> patientsOf(String member) {
		return answer(member).patients();
	}

	/** What the active teams of a family member ({@code RelatedPerson/..}) let family see of their patient. */
	public FamilyView familyViewOf(String familyMember) {
		FamilyView view = answer(familyMember).familyView();
		return view == null ? FamilyView.NOTHING : view;
	}

	private Answer answer(String member) {
		String key = generation.get() + "|" + member;
		Answer answer = patients.get(key, k -> lookUp(member));
		if (answer.isStale(clock.instant())) {
			// A participation period began or ended since: no write announced it.
			patients.invalidate(key);
			answer = patients.get(key, k -> lookUp(member));
		}
		return answer;
	}

	/**
	 * The references a team or a message may name {@code member} by: a Practitioner itself, their
	 * active PractitionerRoles and those roles' Organizations; an Organization itself and its roles; a
	 * RelatedPerson itself. Empty for an inactive or unknown person and for other types.
	 */
	public Set<String> identitiesOf(String member) {
		IdType who = new IdType(member);
		Set<String> memberRefs = new LinkedHashSet<>(List.of(who.toUnqualifiedVersionless().getValue()));
		switch (who.getResourceType()) {
			case "Practitioner" -> {
				Practitioner practitioner = readOrNull("Practitioner", who);
				if (practitioner == null || (practitioner.hasActive() && !practitioner.getActive())) {
					return Set.of(); // no longer practising here: no team reaches them
				}
				rolesWhere(PractitionerRole.SP_PRACTITIONER, member).forEach(role -> {
					memberRefs.add("PractitionerRole/" + role.getIdElement().getIdPart());
					if (role.hasOrganization()) {
						memberRefs.add(role.getOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
					}
				});
			}
			case "Organization" -> rolesWhere(PractitionerRole.SP_ORGANIZATION, member)
					.forEach(role -> memberRefs.add("PractitionerRole/" + role.getIdElement().getIdPart()));
			case "RelatedPerson" -> {
				RelatedPerson person = readOrNull("RelatedPerson", who);
				if (person == null || (person.hasActive() && !person.getActive())) {
					return Set.of();
				}
			}
			default -> {
				return Set.of();
			}
		}
		return memberRefs;
	}

	/** The ids of the active teams on which one of {@code identities} ({@link #identitiesOf}) is a current member now. */
	public Set<String> currentTeamsOf(Set<String> identities) {
		if (identities.isEmpty()) {
			return Set.of();
		}
		Instant now = clock.instant();
		Set<String> teams = new LinkedHashSet<>();
		for (CareTeam team : activeTeamsWithAnyOf(identities)) {
			if (isWithin(team.getPeriod(), now) && team.getParticipant().stream().anyMatch(p -> isCurrentMember(p, identities, now))) {
				teams.add(team.getIdElement().getIdPart());
			}
		}
		return teams;
	}

	/** Whether the team's period (if any) includes now: a team outside it is not active, whatever its status says. */
	public boolean isWithinPeriod(CareTeam team) {
		return isWithin(team.getPeriod(), clock.instant());
	}

	/** Whether one of {@code identities} is a current member of {@code team} now (the team's own status and period aside). */
	public boolean isCurrentMember(CareTeam team, Set<String> identities) {
		Instant now = clock.instant();
		return team.getParticipant().stream().anyMatch(p -> isCurrentMember(p, identities, now));
	}

	private Answer lookUp(String member) {
		Set<String> memberRefs = identitiesOf(member);
		if (memberRefs.isEmpty()) {
			return new Answer(Set.of(), null);
		}
		String ownPatient = null;
		if (member.startsWith("RelatedPerson/")) {
			RelatedPerson person = readOrNull("RelatedPerson", new IdType(member));
			if (person == null) {
				return new Answer(Set.of(), null);
			}
			ownPatient = person.getPatient().getReferenceElement().getIdPart();
		}
		Set<String> found = new LinkedHashSet<>();
		FamilyView familyView = null;
		Instant now = clock.instant();
		Instant nextChange = null;
		for (CareTeam team : activeTeamsWithAnyOf(memberRefs)) {
			nextChange = earliestAfter(now, nextChange, team.getPeriod().getStart(), team.getPeriod().getEnd());
			if (!isWithin(team.getPeriod(), now)) {
				continue; // a team whose period is over (or not begun) is not active, whatever its status says
			}
			for (CareTeam.CareTeamParticipantComponent participant : team.getParticipant()) {
				if (memberRefs.contains(participant.getMember().getReferenceElement().toUnqualifiedVersionless().getValue())) {
					nextChange = earliestAfter(now, nextChange, participant.getPeriod().getStart(), participant.getPeriod().getEnd());
				}
			}
			String patient = patientOf(team);
			// A family member's every team of their patient counts: each may let family see something else.
			if (patient != null && (ownPatient != null || !found.contains(patient)) && team.getParticipant().stream().anyMatch(p -> isCurrentMember(p, memberRefs, now))
					&& consents.allows(patient, memberRefs, "CareTeam/" + team.getIdElement().getIdPart())) {
				found.add(patient);
				if (patient.equals(ownPatient)) {
					FamilyView teamView = FamilyView.of(team, familyDefaults);
					familyView = familyView == null ? teamView : familyView.and(teamView);
				}
			}
		}
		if (ownPatient != null) {
			found.retainAll(Set.of(ownPatient));
			return new Answer(Set.copyOf(found), nextChange, familyView == null ? FamilyView.NOTHING : familyView);
		}
		return new Answer(Set.copyOf(found), nextChange);
	}

	private static Instant earliestAfter(Instant now, Instant earliest, Date... dates) {
		for (Date date : dates) {
			if (date != null && date.toInstant().isAfter(now) && (earliest == null || date.toInstant().isBefore(earliest))) {
				earliest = date.toInstant();
			}
		}
		return earliest;
	}

	private List<PractitionerRole> rolesWhere(String parameter, String reference) {
		SearchParameterMap search = SearchParameterMap.newSynchronous().add(parameter, new ReferenceParam(reference));
		return search("PractitionerRole", search).stream().map(PractitionerRole.class::cast)
				.filter(role -> !role.hasActive() || role.getActive()).toList();
	}

	private List<CareTeam> activeTeamsWithAnyOf(Set<String> memberRefs) {
		ReferenceOrListParam anyMember = new ReferenceOrListParam();
		memberRefs.forEach(ref -> anyMember.addOr(new ReferenceParam(ref)));
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add(CareTeam.SP_PARTICIPANT, anyMember)
				.add(CareTeam.SP_STATUS, new TokenParam("active"));
		return search("CareTeam", search).stream().map(CareTeam.class::cast).toList();
	}

	private static String patientOf(CareTeam team) {
		Reference subject = team.getSubject();
		return "Patient".equals(subject.getReferenceElement().getResourceType()) ? subject.getReferenceElement().getIdPart() : null;
	}

	private static boolean isCurrentMember(CareTeam.CareTeamParticipantComponent participant, Set<String> memberRefs, Instant now) {
		String member = participant.getMember().getReferenceElement().toUnqualifiedVersionless().getValue();
		if (member == null || !memberRefs.contains(member)) {
			return false;
		}
		Extension status = participant.getExtensionByUrl(PARTICIPATION_STATUS);
		if (status != null && status.getValue() instanceof CodeType code && HomeCareGuide.ParticipationStatus.ENDED.equals(code.getValue())) {
			return false;
		}
		return isWithin(participant.getPeriod(), now);
	}

	private static boolean isWithin(Period period, Instant now) {
		return !(period.hasEnd() && period.getEnd().toInstant().isBefore(now))
				&& !(period.hasStart() && period.getStart().toInstant().isAfter(now));
	}

	private List<IBaseResource> search(String type, SearchParameterMap search) {
		search.setCount(MOST_TEAMS);
		IBundleProvider found = daos.getResourceDao(type).search(search, new SystemRequestDetails());
		return found.getResources(0, MOST_TEAMS);
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> T readOrNull(String type, IdType id) {
		try {
			return (T) daos.getResourceDao(type).read(id, new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	/** Forgets every answer: now, and once more when the writing transaction has committed. */
	void membershipChanged() {
		generation.incrementAndGet();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					generation.incrementAndGet();
				}
			});
		}
	}

	/** Storage hooks: a write of a team, a role, a family member or a consent changes who sees whom. */
	public final class MembershipChangeListener {

		@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = InterceptorOrder.MEMBERSHIP_CHANGED)
		public void created(IBaseResource resource) {
			changed(resource);
		}

		@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = InterceptorOrder.MEMBERSHIP_CHANGED)
		public void updated(IBaseResource oldResource, IBaseResource newResource) {
			changed(newResource);
		}

		@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = InterceptorOrder.MEMBERSHIP_CHANGED)
		public void deleted(IBaseResource resource) {
			changed(resource);
		}

		private void changed(IBaseResource resource) {
			if (resource != null && MEMBERSHIP_TYPES.contains(resource.fhirType())) {
				membershipChanged();
			}
		}
	}
}
