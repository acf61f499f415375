package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.PatientsOfPerson;
import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.login.UserAccounts;
import java.util.Collections;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes our tokens. Access tokens: the audience is the FHIR base URL (the authorization server's
 * default would be the client id, which the FHIR endpoint must refuse), the client is named in
 * {@code client_id}; for an app a person authorised, also {@code fhirUser} and the {@code patient}
 * they picked or the EHR launched it for (and the launch's {@code encounter}). ID tokens: {@code fhirUser} when the app asked for it. The header names the active
 * signing key.
 */
final class SmartTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SigningKeys keys;
	private final UserAccounts users;
	private final LaunchContexts launchContexts;
	private final PatientsOfPerson careTeams;

	SmartTokenCustomizer(SigningKeys keys, UserAccounts users, LaunchContexts launchContexts, PatientsOfPerson careTeams) {
		this.careTeams = careTeams;
		this.keys = keys;
		this.users = users;
		this.launchContexts = launchContexts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().keyId(keys.activeKeyId(context.getJwsHeader().build().getAlgorithm().getName()));
		String fhirBase = context.getAuthorizationServerContext().getIssuer() + FhirBaseUrl.FHIR_PATH;
		boolean personGrant = AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
				|| AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType());
		if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
				&& OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && !users.isEnabled(context.getPrincipal().getName())) {
			// An app's refresh token outlives the login; a disabled or removed account ends it.
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"the account this authorization was granted by is disabled or removed", null));
		}
		String fhirUser = personGrant ? users.fhirUserOf(context.getPrincipal().getName()).map(user -> fhirBase + "/" + user).orElse(null) : null;
		if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
				&& OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			requireStillOnTheTeam(context);
		}

		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// Not List.of(): the claims are stored as JSON with type names, and Spring Security's
			// allowlist cannot read an immutable JDK list back; every later token lookup would fail.
			context.getClaims().audience(Collections.singletonList(fhirBase));
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
			if (personGrant) {
				if (fhirUser != null) {
					context.getClaims().claim("fhirUser", fhirUser);
				}
				launchContexts.of(context.getAuthorization().getId()).ifPresent(launch -> {
					context.getClaims().claim("patient", launch.patient());
					if (launch.encounter() != null) {
						context.getClaims().claim("encounter", launch.encounter());
					}
				});
			}
		} else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
				&& context.getAuthorizedScopes().contains("fhirUser") && fhirUser != null) {
			context.getClaims().claim("fhirUser", fhirUser);
		}
	}

	/**
	 * A token bound to a patient is refreshed only while its person may still open an app for that
	 * patient (is on her care team, or is family on it): leaving the team ends the app's access at the
	 * next refresh, not when the refresh token expires.
	 */
	private void requireStillOnTheTeam(JwtEncodingContext context) {
		launchContexts.of(context.getAuthorization().getId()).ifPresent(launch -> {
			String fhirUser = users.fhirUserOf(context.getPrincipal().getName()).orElse(null);
			if (fhirUser == null || !careTeams.patientsOf(fhirUser).contains(launch.patient())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"the person this authorization was granted by is no longer on the patient's care team", null));
			}
		});
	}
}
