package jp.zaitaku.fhir.security;

import java.util.Collections;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes our access tokens for the FHIR endpoint: the audience is the FHIR base URL (the
 * authorization server's default would be the client id, which the FHIR endpoint must refuse), the
 * client is named in {@code client_id}, and the header names the active signing key.
 */
final class SmartTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SigningKeys keys;

	SmartTokenCustomizer(SigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		context.getJwsHeader().keyId(keys.activeKeyId(context.getJwsHeader().build().getAlgorithm().getName()));
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			String fhirBase = context.getAuthorizationServerContext().getIssuer() + FhirBaseUrl.FHIR_PATH;
			// Not List.of(): the claims are stored as JSON with type names, and Spring Security's
			// allowlist cannot read an immutable JDK list back; every later token lookup would fail.
			context.getClaims().audience(Collections.singletonList(fhirBase));
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
		}
	}
}
