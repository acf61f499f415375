package jp.zaitaku.fhir.security;

import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;

/**
 * SMART's rules for an app's authorization request, on top of OAuth's: every scope covered by the
 * app's registration, {@code aud} naming this FHIR server, and at consent the patient the person
 * picked is one whose care team they are on.
 */
@Component
@SecurityEnabled
class SmartAuthorizationRequests {

	private final UserAccounts users;
	private final PatientsOfUser patients;
	private final LaunchContexts launchContexts;

	SmartAuthorizationRequests(UserAccounts users, PatientsOfUser patients, LaunchContexts launchContexts) {
		this.users = users;
		this.patients = patients;
		this.launchContexts = launchContexts;
	}

	/** Checks the authorization request before the person is asked anything. */
	void validateRequest(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Set<String> registered = context.getRegisteredClient().getScopes();
		for (String scope : request.getScopes()) {
			if (!SmartScopeValidator.allowed(registered, scope)) {
				throw error(OAuth2ErrorCodes.INVALID_SCOPE, "scope not allowed for this app: " + scope, request);
			}
		}
		Map<String, Object> parameters = request.getAdditionalParameters();
		Object audience = parameters.containsKey("aud") ? parameters.get("aud") : parameters.get("resource");
		String fhirBase = AuthorizationServerContextHolder.getContext().getIssuer() + FhirBaseUrl.FHIR_PATH;
		if (!(audience instanceof String aud) || !withoutTrailingSlash(aud).equals(fhirBase)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "aud must be this FHIR server: " + fhirBase, request);
		}
		if (request.getScopes().contains("launch") || parameters.containsKey("launch")) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "EHR launch is not supported yet; use a standalone launch (launch/patient)", request);
		}
	}

	/** At consent: the picked patient must be one of the person's; it is kept for the tokens. */
	void recordConsent(OAuth2AuthorizationConsentAuthenticationContext context) {
		OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
		if (!consent.getScopes().contains("launch/patient")) {
			return;
		}
		Object picked = consent.getAdditionalParameters().get("patient");
		String fhirUser = users.fhirUserOf(context.getAuthorization().getPrincipalName()).orElse("");
		if (!(picked instanceof String patient) || !patients.mayOpen(fhirUser, patient)) {
			// Answered like a refused consent: back to the app's redirect URI with access_denied.
			OAuth2AuthorizationRequest original = context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
			OAuth2AuthorizationCodeRequestAuthenticationToken request = new OAuth2AuthorizationCodeRequestAuthenticationToken(
					original.getAuthorizationUri(), original.getClientId(), (Authentication) consent.getPrincipal(),
					original.getRedirectUri(), original.getState(), original.getScopes(), null);
			throw error(OAuth2ErrorCodes.ACCESS_DENIED, "choose one of the patients whose care team you are on", request);
		}
		launchContexts.savePatient(context.getAuthorization().getId(), patient);
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** With the request as second argument, the error is sent back to the app's (already checked) redirect URI. */
	private static OAuth2AuthorizationCodeRequestAuthenticationException error(
			String code, String description, OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null), request);
	}
}
