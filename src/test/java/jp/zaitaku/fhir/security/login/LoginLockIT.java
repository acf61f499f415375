package jp.zaitaku.fhir.security.login;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The login's lock against password guessing, on the real user table: five attempts without success
 * lock the account for 15 minutes (the right password included), parallel attempts cannot check more
 * passwords than that, a successful login starts the count afresh, and so does an expired lock.
 */
class LoginLockIT extends FhirServerTestBase {

	private static final String PASSWORD = "正しい-パスワード";
	private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP";

	@Autowired
	private UserAccounts users;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void fiveFailedAttemptsLockTheAccountEvenForTheRightPassword() {
		String user = newUser();
		PasswordTotpAuthenticationProvider login = new PasswordTotpAuthenticationProvider(users);
		for (int i = 0; i < UserAccounts.MAX_FAILED_LOGINS; i++) {
			assertThrows(BadCredentialsException.class, () -> login.authenticate(attempt(user, "違う-" + UUID.randomUUID())));
		}
		assertThrows(BadCredentialsException.class, () -> login.authenticate(attempt(user, PASSWORD)));
		assertThat(failedLogins(user), equalTo(UserAccounts.MAX_FAILED_LOGINS));
	}

	@Test
	void parallelGuessesCannotCheckMorePasswordsThanTheAllowance() throws Exception {
		String user = newUser();
		PasswordTotpAuthenticationProvider login = new PasswordTotpAuthenticationProvider(users);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> guesses = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				guesses.add(() -> {
					try {
						login.authenticate(attempt(user, "違う-" + UUID.randomUUID()));
						return true;
					} catch (BadCredentialsException refused) {
						return false;
					}
				});
			}
			for (Future<Boolean> guess : pool.invokeAll(guesses)) {
				assertThat(guess.get(), equalTo(false));
			}
		} finally {
			pool.shutdownNow();
		}
		// Every password checked took one attempt of the allowance first, and no attempt was taken once it was used up.
		assertThat(failedLogins(user), lessThanOrEqualTo(UserAccounts.MAX_FAILED_LOGINS));
		assertThrows(BadCredentialsException.class, () -> login.authenticate(attempt(user, PASSWORD)));
	}

	@Test
	void aSuccessfulLoginAndAnExpiredLockStartTheCountAfresh() {
		String user = newUser();
		PasswordTotpAuthenticationProvider login = new PasswordTotpAuthenticationProvider(users);
		for (int i = 0; i < UserAccounts.MAX_FAILED_LOGINS - 1; i++) {
			assertThrows(BadCredentialsException.class, () -> login.authenticate(attempt(user, "違う")));
		}
		Authentication in = login.authenticate(attempt(user, PASSWORD));
		assertThat(in.getName(), equalTo(user));
		assertThat(failedLogins(user), equalTo(0));

		// Locked long ago: the lock is over and the next wrong password counts as the first.
		jdbc.update("UPDATE zaitaku_user SET failed_logins = ?, locked_until = now() - interval '1 minute' WHERE username = ?",
				UserAccounts.MAX_FAILED_LOGINS, user);
		assertThrows(BadCredentialsException.class, () -> login.authenticate(attempt(user, "違う")));
		assertThat(failedLogins(user), equalTo(1));
		// Same TOTP step as the login above would be refused as a replay: wait for the lock-free state only.
		assertThat(jdbc.queryForObject("SELECT locked_until IS NULL FROM zaitaku_user WHERE username = ?", Boolean.class, user),
				equalTo(true));
	}

	private String newUser() {
		String user = "lock-" + UUID.randomUUID().toString().substring(0, 8);
		users.save(new UserRegistration(user, "{noop}" + PASSWORD, SECRET, "Practitioner/lock-test", "ロック 確認"));
		return user;
	}

	private int failedLogins(String user) {
		return jdbc.queryForObject("SELECT failed_logins FROM zaitaku_user WHERE username = ?", Integer.class, user);
	}

	private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("totp", Totp.codeAt(SECRET, Instant.now().getEpochSecond()));
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
		token.setDetails(new PasswordTotpAuthenticationProvider.Details((HttpServletRequest) request));
		return token;
	}
}
