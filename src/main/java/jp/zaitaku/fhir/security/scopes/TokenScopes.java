package jp.zaitaku.fhir.security.scopes;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The scopes of an access token: a JSON array in ours (Spring Authorization Server), a
 * space-separated string in many other issuers' (RFC 9068).
 */
public final class TokenScopes {

	private TokenScopes() {}

	public static List<String> of(Jwt token) {
		Object scope = token.getClaim("scope");
		if (scope instanceof String text) {
			return Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).toList();
		}
		if (scope instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return List.of();
	}
}
