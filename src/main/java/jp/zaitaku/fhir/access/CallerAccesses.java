package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.scopes.TokenScopes;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Decides the {@link CallerAccess} of a request once and keeps it on the request, so every check
 * of that request (reads, searches, includes, writes, the audit record) sees the same answer.
 *
 * <ul>
 *   <li>a person ({@code fhirUser} in the token): an administrator reaches no patient; a Practitioner
 *       the patients of their care teams, and reads those opened by a break-the-glass access while it
 *       lasts; a RelatedPerson their own patient if they are on its team;
 *   <li>a backend client registered with an organisation: the patients of that organisation's teams;
 *   <li>a token bound to one patient (SMART app launch, patient/ scopes only): that patient, and only
 *       while its person is still on the patient's team;
 *   <li>any other backend client, the server's own work and open mode: every patient.
 * </ul>
 */
@Component
public class CallerAccesses {

	private static final String KEY = CallerAccesses.class.getName();

	private final CareTeamMembership membership;
	private final EmergencyAccess emergencyAccess;
	// Looked up once: resolving an ObjectProvider searches the bean factory on every call, a cost seen
	// on every care-team read. The beans exist only when security is on.
	private final Supplier<UserAccounts> users;
	private final Supplier<ClientRegistrations> clients;

	public CallerAccesses(CareTeamMembership membership, EmergencyAccess emergencyAccess, ObjectProvider<UserAccounts> users,
			ObjectProvider<ClientRegistrations> clients) {
		this.membership = membership;
		this.emergencyAccess = emergencyAccess;
		this.users = SingletonSupplier.of(users::getIfAvailable);
		this.clients = SingletonSupplier.of(clients::getIfAvailable);
	}

	public CallerAccess of(RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return CallerAccess.EVERY_PATIENT_ACCESS;
		}
		return (CallerAccess) request.getUserData().computeIfAbsent(KEY, key -> decide());
	}

	private CallerAccess decide() {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
			return CallerAccess.EVERY_PATIENT_ACCESS; // open mode: no tokens at all
		}
		return ofToken(token);
	}

	/** What the bearer of an access token reaches, outside a FHIR request (a websocket's handshake). */
	public CallerAccess ofToken(JwtAuthenticationToken token) {
		Jwt jwt = token.getToken();
		String boundPatient = patientBoundOnly(jwt) ? jwt.getClaimAsString("patient") : null;
		CallerAccess access = personOrOrganisation(token, jwt);
		if (boundPatient == null) {
			return access;
		}
		Set<String> reach = access.reachesEveryPatient() ? Set.of(boundPatient) : new HashSet<>(access.patientIds());
		reach.retainAll(Set.of(boundPatient));
		CallerAccess.Kind kind = access.reachesEveryPatient() ? CallerAccess.Kind.CARE_TEAM : access.kind();
		return new CallerAccess(kind, reach, null, Set.of(), access.familyView());
	}

	private CallerAccess personOrOrganisation(JwtAuthenticationToken token, Jwt jwt) {
		String fhirUser = localReference(jwt.getClaimAsString("fhirUser"));
		if (fhirUser != null) {
			UserAccounts accounts = users.get();
			if (accounts != null && accounts.isAdministrator(token.getName())) {
				return new CallerAccess(CallerAccess.Kind.ADMINISTRATOR, Set.of(), null);
			}
			if (fhirUser.startsWith("RelatedPerson/")) {
				return CallerAccess.family(membership.patientsOf(fhirUser), membership.familyViewOf(fhirUser)).withWho(fhirUser);
			}
			Map<String, String> emergency = emergencyAccess.activeFor(fhirUser);
			return new CallerAccess(CallerAccess.Kind.CARE_TEAM, membership.patientsOf(fhirUser),
					emergency.isEmpty() ? null : String.join(" / ", new LinkedHashSet<>(emergency.values())), emergency.keySet()).withWho(fhirUser);
		}
		ClientRegistrations registrations = clients.get();
		String clientId = jwt.getClaimAsString("client_id");
		Optional<String> organization = registrations == null || clientId == null ? Optional.empty() : registrations.organizationOf(clientId);
		return organization
				.map(org -> new CallerAccess(CallerAccess.Kind.CARE_TEAM, membership.patientsOf(org), null).withWho(org))
				.orElse(CallerAccess.EVERY_PATIENT_ACCESS);
	}

	/**
	 * What the owner of a resource of an owned type (a Subscription, see {@link CallerAccess#who}) reaches
	 * now, outside any request: their care teams' patients as of now, without break-the-glass access.
	 * No owner: it was created by a caller who reaches every patient.
	 */
	public CallerAccess ofOwner(String who) {
		if (who == null) {
			return CallerAccess.EVERY_PATIENT_ACCESS;
		}
		if (who.startsWith("RelatedPerson/")) {
			return CallerAccess.family(membership.patientsOf(who), membership.familyViewOf(who)).withWho(who);
		}
		return new CallerAccess(CallerAccess.Kind.CARE_TEAM, membership.patientsOf(who), null).withWho(who);
	}

	/**
	 * The person behind the request's token ({@code Practitioner/1}, {@code RelatedPerson/2},
	 * {@code Patient/3}): its {@code fhirUser}. Empty for backend clients, the server's own work and open mode.
	 */
	public Optional<String> personBehind(RequestDetails request) {
		if (request instanceof SystemRequestDetails || !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
			return Optional.empty();
		}
		return Optional.ofNullable(localReference(token.getToken().getClaimAsString("fhirUser")));
	}

	/** The organisation ({@code Organization/1}) a backend client's token is registered with, if any. */
	public Optional<String> organizationBehind(RequestDetails request) {
		if (request instanceof SystemRequestDetails || !(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
				|| token.getToken().getClaimAsString("fhirUser") != null) {
			return Optional.empty();
		}
		ClientRegistrations registrations = clients.get();
		String clientId = token.getToken().getClaimAsString("client_id");
		return registrations == null || clientId == null ? Optional.empty() : registrations.organizationOf(clientId);
	}

	/** The break-the-glass request itself is already an emergency access (for its audit record). */
	void markEmergency(RequestDetails request, String patientId, String reason) {
		CallerAccess current = of(request);
		Set<String> emergency = new HashSet<>(current.emergencyPatientIds());
		emergency.add(patientId);
		request.getUserData().put(KEY, new CallerAccess(current.kind(), current.patientIds(), reason, emergency, current.familyView(), current.who()));
	}

	/** A token whose resource scopes are all patient/ ones; a system/ or user/ scope is not bound to its patient. */
	private static boolean patientBoundOnly(Jwt jwt) {
		return TokenScopes.of(jwt).stream().noneMatch(scope -> scope.startsWith("system/") || scope.startsWith("user/"));
	}

	/** {@code https://host/fhir/Practitioner/1} → {@code Practitioner/1}. */
	private static String localReference(String fhirUser) {
		if (fhirUser == null) {
			return null;
		}
		String[] parts = fhirUser.split("/");
		return parts.length < 2 ? null : parts[parts.length - 2] + "/" + parts[parts.length - 1];
	}
}
