package jp.zaitaku.fhir.audit;

import java.util.Collection;
import java.util.Set;
import jp.zaitaku.fhir.access.CallerAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sent a request, as the audit trail names them (アクセスした者): the person ({@code fhirUser}
 * of the token, as a relative reference), the OAuth client ({@code client_id}), the client's IP
 * address and, for a break-the-glass access, its stated reason.
 *
 * @param user e.g. {@code Practitioner/123}; null for backend clients, open mode and refused tokens
 * @param clientId the token's {@code client_id}; null without a valid token
 * @param address the IP address the request came from (the proxy's, behind a proxy that Tomcat is
 *     not told about)
 * @param emergencyReason the reason of an emergency access (緊急時アクセス), or null
 * @param emergencyPatients the patients the caller's open emergency accesses reach (empty: not known)
 */
record Caller(String user, String clientId, String address, String emergencyReason, Set<String> emergencyPatients) {

	Caller {
		emergencyPatients = emergencyPatients == null ? Set.of() : Set.copyOf(emergencyPatients);
	}

	/** Without knowing which patients an emergency access opened: any request counts as emergency treatment. */
	Caller(String user, String clientId, String address, String emergencyReason) {
		this(user, clientId, address, emergencyReason, Set.of());
	}

	/** The caller of the request being served on this thread; Spring Security has put its token there. */
	static Caller current(String address, CallerAccess access) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String user = null;
		String clientId = null;
		if (authentication instanceof JwtAuthenticationToken token) {
			user = relativeReference(token.getToken().getClaimAsString("fhirUser"));
			clientId = token.getToken().getClaimAsString("client_id");
		}
		return new Caller(user, clientId, address, access == null ? null : access.emergencyReason(),
				access == null ? Set.of() : access.emergencyPatientIds());
	}

	/** A caller HAPI never saw: no token the server accepted. */
	static Caller unauthenticated(String address) {
		return new Caller(null, null, address, null);
	}

	boolean isEmergency() {
		return emergencyReason != null;
	}

	/**
	 * Whether a request about these patients is emergency treatment (ETREAT): it touched a patient an
	 * open break-the-glass access reaches. The caller's other requests meanwhile (their own team's
	 * patients, the directory) stay ordinary treatment.
	 */
	boolean isEmergencyFor(Collection<String> patients) {
		return emergencyReason != null && (emergencyPatients.isEmpty() || patients.stream().anyMatch(emergencyPatients::contains));
	}

	/** {@code https://host/fhir/Practitioner/123} → {@code Practitioner/123}, so trails match whatever the host name. */
	static String relativeReference(String fhirUser) {
		if (fhirUser == null || fhirUser.isBlank()) {
			return null;
		}
		String[] parts = fhirUser.split("/");
		return parts.length < 2 ? fhirUser : parts[parts.length - 2] + "/" + parts[parts.length - 1];
	}
}
