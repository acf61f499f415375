package jp.zaitaku.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A token bound to one patient ({@code patient} claim, from a SMART app launch) narrows every search
 * to that patient's compartment, so {@code GET /Observation} answers with the patient's own
 * Observations instead of a 403 for the whole page. The authorization rules still check each
 * resource.
 */
@Component
@SecurityEnabled
class PatientCompartmentNarrowing extends SearchNarrowingInterceptor implements FhirServerInterceptor {

	PatientCompartmentNarrowing() {
		// Conditional create/update/delete URLs too: a condition must not find another patient's resource.
		setNarrowConditionalUrls(true);
	}

	/**
	 * HAPI's narrowing refuses every system-level search ({@code GET /fhir?_type=...}) with an
	 * internal error, whoever asks: such a search passes untouched for callers that are not bound to
	 * a patient, and is refused (403) for those that are, as it cannot be narrowed.
	 */
	@Override
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void hookIncomingRequestPostProcessed(RequestDetails request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) throws AuthenticationException {
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM) {
			if (buildAuthorizedList(request) != null) {
				throw new ForbiddenOperationException("A token bound to one patient cannot search the whole server; search a resource type.");
			}
			return;
		}
		super.hookIncomingRequestPostProcessed(request, servletRequest, servletResponse);
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
			String patient = token.getToken().getClaimAsString("patient");
			boolean systemOrUserScope = TokenScopes.of(token.getToken()).stream()
					.anyMatch(scope -> scope.startsWith("system/") || scope.startsWith("user/"));
			if (patient != null && !systemOrUserScope) {
				return new AuthorizedList().addCompartment("Patient/" + patient);
			}
		}
		return null;
	}
}
