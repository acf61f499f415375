package jp.zaitaku.fhir.security.login;

import org.apache.commons.codec.binary.Base32;

/**
 * A person as an operator registers them (the users file, see docs/security.md).
 *
 * @param username the login name
 * @param password the password with its encoding: {@code {bcrypt}...} (or {@code {noop}...} for tests)
 * @param totpSecret the base32 TOTP secret their authenticator app holds
 * @param fhirUser who they are on this server: {@code Practitioner/<id>} or {@code RelatedPerson/<id>}
 * @param displayName the name shown on the consent page, e.g. 「訪問看護師 大泉 さくら」
 * @param role {@code administrator} for a system administrator (管理者): the directory and the audit
 *     trail, no clinical data; absent for everyone else, who reach the patients of their care teams
 */
public record UserRegistration(String username, String password, String totpSecret, String fhirUser, String displayName,
		String role) {

	public static final String ADMINISTRATOR = "administrator";

	/** A team member or family member (no role). */
	public UserRegistration(String username, String password, String totpSecret, String fhirUser, String displayName) {
		this(username, password, totpSecret, fhirUser, displayName, null);
	}

	public void check() {
		require(username != null && username.matches("[A-Za-z0-9._@-]{1,100}"), "username: letters, digits and ._@- only");
		require(password != null && password.startsWith("{"), "user " + username + ": password must name its encoding, e.g. {bcrypt}...");
		require(totpSecret != null && new Base32().decode(totpSecret).length >= 10,
				"user " + username + ": totpSecret must be base32 of at least 80 bits");
		require(fhirUser != null && fhirUser.matches("(Practitioner|RelatedPerson)/[A-Za-z0-9\\-.]{1,64}"),
				"user " + username + ": fhirUser must be Practitioner/<id> or RelatedPerson/<id>");
		require(role == null || role.equals(ADMINISTRATOR), "user " + username + ": role must be administrator or absent");
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException(problem);
		}
	}
}
