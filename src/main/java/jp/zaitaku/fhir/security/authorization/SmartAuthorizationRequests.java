package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.scopes.SmartScopeValidator;
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
 * app's registration, {@code aud} naming this FHIR server, an EHR launch's id valid; and at consent,
 * the patient (picked by the person, or given by the EHR launch) is one whose care team they are on.
 */
@Component
@SecurityEnabled
class SmartAuthorizationRequests {

	private final UserAccounts users;
	private final PatientsOfUser patients;
	private final LaunchContexts launchContexts;
	private final EhrLaunches ehrLaunches;

	SmartAuthorizationRequests(UserAccounts users, PatientsOfUser patients, LaunchContexts launchContexts, EhrLaunches ehrLaunches) {
		this.users = users;
		this.patients = patients;
		this.launchContexts = launchContexts;
		this.ehrLaunches = ehrLaunches;
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
		Object launch = parameters.get("launch");
		if (launch != null || request.getScopes().contains("launch")) {
			// EHR launch: the scope and a live launch id the EHR made for this app belong together.
			if (!(launch instanceof String launchId) || !request.getScopes().contains("launch")
					|| !ehrLaunches.find(launchId).map(found -> request.getClientId().equals(found.clientId())).orElse(false)) {
				throw error(OAuth2ErrorCodes.INVALID_REQUEST,
						"an EHR launch needs the scope launch and a valid, unused launch id made for this app", request);
			}
		}
	}

	/** At consent: the picked patient must be one of the person's; it is kept for the tokens. */
	void recordConsent(OAuth2AuthorizationConsentAuthenticationContext context) {
		OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
		OAuth2AuthorizationRequest original = context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
		String fhirUser = users.fhirUserOf(context.getAuthorization().getPrincipalName()).orElse("");
		Object launchId = original.getAdditionalParameters().get("launch");
		if (launchId instanceof String ehrLaunch) {
			// The EHR chose the patient: the launch is used up here, and the person must be on her team.
			EhrLaunches.Launch launch = ehrLaunches.use(ehrLaunch, context.getRegisteredClient().getClientId())
					.orElseThrow(() -> refused("the EHR launch has expired or was used already", consent, original));
			if (!patients.mayOpen(fhirUser, launch.patient())) {
				throw refused("you are not on this patient's care team", consent, original);
			}
			launchContexts.save(context.getAuthorization().getId(), launch.patient(), launch.encounter());
			return;
		}
		if (!consent.getScopes().contains("launch/patient")) {
			return;
		}
		Object picked = consent.getAdditionalParameters().get("patient");
		if (!(picked instanceof String patient) || !patients.mayOpen(fhirUser, patient)) {
			throw refused("choose one of the patients whose care team you are on", consent, original);
		}
		launchContexts.save(context.getAuthorization().getId(), patient, null);
	}

	/** Answered like a refused consent: back to the app's redirect URI with access_denied. */
	private static OAuth2AuthorizationCodeRequestAuthenticationException refused(String description,
			OAuth2AuthorizationConsentAuthenticationToken consent, OAuth2AuthorizationRequest original) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				original.getAuthorizationUri(), original.getClientId(), (Authentication) consent.getPrincipal(),
				original.getRedirectUri(), original.getState(), original.getScopes(), null);
		return error(OAuth2ErrorCodes.ACCESS_DENIED, description, request);
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
