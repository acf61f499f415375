package jp.zaitaku.fhir.security.authorization;

/** The key-encryption key is missing, unreadable or not the one the database's keys were sealed with: the server does not start. */
public class KeyEncryptionKeyException extends RuntimeException {

	private final String action;

	public KeyEncryptionKeyException(String description, String action) {
		super(description);
		this.action = action;
	}

	/** What the operator does about it. */
	public String action() {
		return action;
	}
}
