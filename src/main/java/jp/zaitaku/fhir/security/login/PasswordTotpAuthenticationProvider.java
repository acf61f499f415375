package jp.zaitaku.fhir.security.login;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.util.function.SingletonSupplier;

/**
 * The login: user name, password and a TOTP code in one form, checked together, so there is no
 * half-logged-in state an authorization request could slip through. Every failure gets the same
 * answer (no hint which factor was wrong); failures count towards a lock.
 *
 * <p>The result holds only classes Spring Authorization Server can store with an authorization
 * (its JSON allowlist): a plain {@link User} and plain {@link WebAuthenticationDetails}.
 */
public final class PasswordTotpAuthenticationProvider implements AuthenticationProvider {

	/** Carries the code from the login form to the provider. */
	public static final class Details extends WebAuthenticationDetails {
		private final String code;

		public Details(HttpServletRequest request) {
			super(request);
			this.code = request.getParameter("totp");
		}
	}

	private final UserAccounts users;
	private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
	/**
	 * Checked against when the user is unknown or locked, so that refusal takes as long as a wrong
	 * password's: the answer time must not tell which user names exist. Made on the first login.
	 */
	private final Supplier<String> decoyHash = SingletonSupplier.of(() -> passwords.encode(UUID.randomUUID().toString()));

	public PasswordTotpAuthenticationProvider(UserAccounts users) {
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication login) {
		String username = login.getName();
		UserAccounts.Account account = users.find(username).orElse(null);
		String code = login.getDetails() instanceof Details details ? details.code : null;
		if (account == null || account.locked() || !users.takeLoginAttempt(username)) {
			passwords.matches(String.valueOf(login.getCredentials()), decoyHash.get());
			throw new BadCredentialsException("bad credentials");
		}
		boolean passwordRight = passwords.matches(String.valueOf(login.getCredentials()), account.passwordHash());
		long step = passwordRight ? Totp.verify(account.totpSecret(), code, Instant.now().getEpochSecond(), account.lastTotpStep()) : -1;
		if (step < 0 || !users.markTotpStepUsed(username, step)) {
			throw new BadCredentialsException("bad credentials"); // the attempt taken above stays counted
		}
		User principal = (User) User.withUsername(username).password("").roles("USER").build();
		UsernamePasswordAuthenticationToken result =
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
		WebAuthenticationDetails details = (WebAuthenticationDetails) login.getDetails();
		result.setDetails(new WebAuthenticationDetails(details.getRemoteAddress(), details.getSessionId()));
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
