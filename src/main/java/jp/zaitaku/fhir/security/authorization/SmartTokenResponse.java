package jp.zaitaku.fhir.security.authorization;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;

/**
 * SMART's launch context beside the access token in the token response: {@code patient},
 * {@code need_patient_banner} and {@code encounter}, read back from the access token we just signed.
 */
final class SmartTokenResponse {

	private SmartTokenResponse() {}

	static OAuth2AccessTokenResponseAuthenticationSuccessHandler handler() {
		OAuth2AccessTokenResponseAuthenticationSuccessHandler handler = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		handler.setAccessTokenResponseCustomizer(context -> {
			OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
			JWTClaimsSet claims;
			try {
				claims = SignedJWT.parse(issued.getAccessToken().getTokenValue()).getJWTClaimsSet();
			} catch (ParseException e) {
				throw new IllegalStateException("our own access token is not a JWT", e);
			}
			Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters()); // holds the id_token
			if (claims.getClaim("patient") != null) {
				parameters.put("patient", claims.getClaim("patient"));
				parameters.put("need_patient_banner", true);
			}
			if (claims.getClaim("encounter") != null) {
				parameters.put("encounter", claims.getClaim("encounter"));
			}
			context.getAccessTokenResponse().additionalParameters(parameters);
		});
		return handler;
	}
}
