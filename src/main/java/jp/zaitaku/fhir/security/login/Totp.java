package jp.zaitaku.fhir.security.login;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), what Google
 * Authenticator, Microsoft Authenticator and FreeOTP compute: the second factor the MHLW security
 * guideline asks of people who log in to medical information systems.
 */
public final class Totp {

	static final int STEP_SECONDS = 30;

	private Totp() {}

	/**
	 * The time step {@code code} belongs to (now, or one step either side for clock drift) if it is
	 * right and newer than {@code lastUsedStep}; otherwise -1. The caller records the step, so a
	 * code works once.
	 */
	static long verify(String base32Secret, String code, long epochSeconds, long lastUsedStep) {
		if (code == null || !code.matches("\\d{6}")) {
			return -1;
		}
		byte[] key = new Base32().decode(base32Secret);
		long now = epochSeconds / STEP_SECONDS;
		for (long step = now - 1; step <= now + 1; step++) {
			if (step > lastUsedStep && MessageDigest.isEqual(
					code(key, step).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
				return step;
			}
		}
		return -1;
	}

	/** A new secret: 160 random bits in base32 without padding, as authenticator apps expect. */
	public static String newSecret() {
		byte[] random = new byte[20];
		new java.security.SecureRandom().nextBytes(random);
		return new Base32().encodeToString(random).replace("=", "");
	}

	/**
	 * The {@code otpauth://} URI an authenticator app reads from a QR code (Google's key-URI format),
	 * naming the issuer and the account so the person recognises it among others.
	 */
	public static String enrolmentUri(String issuer, String username, String base32Secret) {
		// The label's colon stays literal: some authenticator apps do not decode %3A.
		String label = uriEncoded(issuer) + ":" + uriEncoded(username);
		return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + uriEncoded(issuer)
				+ "&algorithm=SHA1&digits=6&period=" + STEP_SECONDS;
	}

	private static String uriEncoded(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The code of {@code base32Secret} at {@code epochSeconds} (for enrolment checks and tests). */
	public static String codeAt(String base32Secret, long epochSeconds) {
		return code(new Base32().decode(base32Secret), epochSeconds / STEP_SECONDS);
	}

	private static String code(byte[] key, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
		}
	}
}
