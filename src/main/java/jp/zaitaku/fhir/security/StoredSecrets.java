package jp.zaitaku.fhir.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords and client secrets are stored hashed: one given in clear ({@code {noop}…}, handy in a
 * clients or users file and in the dev profile) is bcrypt-hashed before it is written, so the
 * database never holds a secret a caller could present.
 */
public final class StoredSecrets {

	private static final String CLEAR_TEXT = "{noop}";
	private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private StoredSecrets() {}

	/** The secret as it is stored: {@code {bcrypt}…} for a clear-text one, any other encoding unchanged. */
	public static String hashed(String encoded) {
		if (encoded == null || !encoded.startsWith(CLEAR_TEXT)) {
			return encoded;
		}
		return ENCODER.encode(encoded.substring(CLEAR_TEXT.length()));
	}
}
