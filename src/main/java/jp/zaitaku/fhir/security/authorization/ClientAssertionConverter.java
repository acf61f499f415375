package jp.zaitaku.fhir.security.authorization;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a {@code private_key_jwt} client assertion at the token endpoint. Spring Authorization
 * Server's own converter insists on a {@code client_id} parameter, which SMART Backend Services
 * clients do not send; the client is named by the assertion's {@code iss}. Nothing is trusted yet:
 * the provider then verifies the signature with the client's registered keys and iss = sub = client.
 */
final class ClientAssertionConverter implements AuthenticationConverter {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())
				|| !JWT_BEARER.equals(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE))) {
			return null;
		}
		Map<String, String[]> parameters = request.getParameterMap();
		String assertion = single(parameters, OAuth2ParameterNames.CLIENT_ASSERTION);
		String clientId;
		try {
			clientId = JWTParser.parse(assertion).getJWTClaimsSet().getIssuer();
		} catch (ParseException e) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		String namedClient = parameters.containsKey(OAuth2ParameterNames.CLIENT_ID)
				? single(parameters, OAuth2ParameterNames.CLIENT_ID) : null;
		if (clientId == null || (namedClient != null && !namedClient.equals(clientId))) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		// An authorization-code request's code and code_verifier must reach the PKCE check.
		Map<String, Object> codeGrantParameters = new HashMap<>();
		if ("authorization_code".equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				&& request.getParameter(OAuth2ParameterNames.CODE) != null) {
			parameters.forEach((name, values) -> {
				if (!name.equals(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE)
						&& !name.equals(OAuth2ParameterNames.CLIENT_ASSERTION)
						&& !name.equals(OAuth2ParameterNames.CLIENT_ID)) {
					codeGrantParameters.put(name, values.length == 1 ? values[0] : values);
				}
			});
		}
		return new OAuth2ClientAuthenticationToken(
				clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion, codeGrantParameters);
	}

	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values.length != 1) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		return values[0];
	}
}
