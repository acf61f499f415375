package jp.zaitaku.fhir.security;

/**
 * Seals secrets the server must read back (signing keys, TOTP secrets) with a key kept outside the
 * database, so a copy of the database does not hold them in clear. {@code context} (the row the
 * secret belongs to) is bound to the sealed text: moved to another row it does not open.
 */
public interface SecretSealing {

	/** The sealed form; it starts with {@link #SEALED_PREFIX}. */
	String seal(String secret, String context);

	/** The secret; an {@link IllegalArgumentException} when another key (or another context) sealed it. */
	String open(String sealed, String context);

	/** How a sealed value starts, telling it from one stored before sealing existed. */
	String SEALED_PREFIX = "v1:";
}
