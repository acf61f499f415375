package jp.zaitaku.fhir.security.authorization;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * Consent is given for one authorization only and never remembered. The consent page is shown every
 * time (it is also the patient picker), and Spring Authorization Server adds every scope a person
 * approved for the app before to what they tick now: a scope unticked today would be granted because it
 * was ticked last week. With nothing remembered, a token carries exactly the scopes ticked for it.
 */
final class NoRememberedConsent implements OAuth2AuthorizationConsentService {

	@Override
	public void save(OAuth2AuthorizationConsent authorizationConsent) {
		// Not kept: see the class comment.
	}

	@Override
	public void remove(OAuth2AuthorizationConsent authorizationConsent) {
		// Nothing kept, nothing to remove.
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return null;
	}
}
