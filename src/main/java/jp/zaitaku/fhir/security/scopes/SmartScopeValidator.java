package jp.zaitaku.fhir.security.scopes;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;

/**
 * Which scopes a client may be granted, with SMART's meaning instead of Spring Authorization
 * Server's exact string match: a client registered for {@code system/*.rs} may ask for
 * {@code system/CarePlan.rs} or {@code system/Patient.r}, but not {@code system/Patient.c}.
 */
public final class SmartScopeValidator {

	/** The administration API's scope: asked for with client credentials by a client registered for it. */
	public static final String ADMIN_SCOPE = "zaitaku-admin";

	private SmartScopeValidator() {}

	public static boolean allowed(Set<String> registered, String requested) {
		// Spring Authorization Server stores scope sets comma-joined: a comma would split a scope in two.
		if (requested.isEmpty() || requested.indexOf(',') >= 0) {
			return false;
		}
		if (registered.contains(requested)) {
			return true;
		}
		return SmartScope.parse(requested)
				.map(wanted -> registered.stream().map(SmartScope::parse).flatMap(Optional::stream)
						.anyMatch(granted -> granted.covers(wanted)))
				.orElse(false);
	}

	/**
	 * Backend services: at least one scope, only {@code system/} scopes (and the administration API's
	 * scope), each covered by the registration.
	 */
	public static final Consumer<OAuth2ClientCredentialsAuthenticationContext> CLIENT_CREDENTIALS = context -> {
		Set<String> registered = context.getRegisteredClient().getScopes();
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		Set<String> requested = request.getScopes();
		if (requested.isEmpty()) {
			throw invalidScope("ask for at least one system/ scope, e.g. system/*.rs");
		}
		for (String scope : requested) {
			if (!(scope.startsWith("system/") || scope.equals(ADMIN_SCOPE)) || !allowed(registered, scope)) {
				throw invalidScope("scope not allowed for this client: " + scope);
			}
		}
	};

	private static OAuth2AuthenticationException invalidScope(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, description, null));
	}
}
