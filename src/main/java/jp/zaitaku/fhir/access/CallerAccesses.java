package jp.zaitaku.fhir.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.stereotype.Component;

/**
 * Decides the {@link CallerAccess} of a request once and keeps it on the request, so every check
 * of that request (reads, searches, includes, writes, the audit record) sees the same answer.
 */
@Component
public class CallerAccesses {

	private static final String KEY = CallerAccesses.class.getName();

	public CallerAccess of(RequestDetails request) {
		if (request == null) {
			return CallerAccess.EVERY_PATIENT_ACCESS;
		}
		return (CallerAccess) request.getUserData().computeIfAbsent(KEY, key -> decide(request));
	}

	private CallerAccess decide(RequestDetails request) {
		// Care-team access control replaces this: for now every caller the scopes let in reaches every patient.
		return CallerAccess.EVERY_PATIENT_ACCESS;
	}
}
