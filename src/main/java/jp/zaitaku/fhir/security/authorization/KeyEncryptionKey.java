package jp.zaitaku.fhir.security.authorization;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jp.zaitaku.fhir.security.SecretSealing;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The key that encrypts the private halves of our signing keys and the people's TOTP secrets in the
 * database (AES-256-GCM), kept
 * outside the database: a dump or a backup of it alone cannot sign a token. Taken from
 * {@code zaitaku.security.key-encryption-key} (base64 of 32 bytes) or the file named by
 * {@code zaitaku.security.key-encryption-key-file}. Without either, the embedded database's server
 * (and the dev profile) generate one into {@code <data dir>/secrets/key-encryption.key}; a server on
 * an external database refuses to start, since its database and its data directory are usually
 * backed up apart and the key must be managed on purpose.
 */
@Component
@SecurityEnabled
public class KeyEncryptionKey implements SecretSealing {

	static final String GENERATED_FILE = "secrets/key-encryption.key";
	private static final String FORMAT = SEALED_PREFIX;
	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);

	private final SecretKey key;
	private final String fingerprint;
	private final SecureRandom random = new SecureRandom();

	@Autowired
	KeyEncryptionKey(SecurityProperties properties, StorageProperties storage, Environment environment) {
		this(load(properties, storage, environment));
	}

	KeyEncryptionKey(byte[] raw) {
		if (raw.length != 32) {
			throw new KeyEncryptionKeyException("The key-encryption key is " + raw.length + " bytes long; it must be 32 bytes "
					+ "(256 bits), written in base64.", "Create one with: openssl rand -base64 32");
		}
		this.key = new SecretKeySpec(raw, "AES");
		this.fingerprint = fingerprintOf(raw);
	}

	/** A short, non-secret name of this key: a row encrypted with another key says which one it needs. */
	String fingerprint() {
		return fingerprint;
	}

	@Override
	public String seal(String secret, String context) {
		return encrypt(secret, context);
	}

	@Override
	public String open(String sealed, String context) {
		return decrypt(sealed, context);
	}

	/** {@code v1:} and base64 of the random IV and the ciphertext with its tag; {@code context} is bound to it. */
	String encrypt(String plaintext, String context) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return FORMAT + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
		}
	}

	/** The plaintext; an {@link IllegalArgumentException} when another key (or another context) sealed it. */
	String decrypt(String sealed, String context) {
		if (sealed == null || !sealed.startsWith(FORMAT)) {
			throw new IllegalArgumentException("not sealed by a key-encryption key");
		}
		byte[] bytes = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
		} catch (javax.crypto.AEADBadTagException wrongKey) {
			throw new IllegalArgumentException("sealed by another key-encryption key", wrongKey);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
		}
	}

	private static byte[] load(SecurityProperties properties, StorageProperties storage, Environment environment) {
		if (!properties.keyEncryptionKey().isBlank()) {
			return decode(properties.keyEncryptionKey(), "zaitaku.security.key-encryption-key");
		}
		if (!properties.keyEncryptionKeyFile().isBlank()) {
			Path file = Path.of(properties.keyEncryptionKeyFile());
			if (!Files.isReadable(file)) {
				throw new KeyEncryptionKeyException("The key-encryption key file " + file.toAbsolutePath()
						+ " (zaitaku.security.key-encryption-key-file) does not exist or cannot be read.",
						"Create it once with: openssl rand -base64 32 > " + file + " ; chmod 600 " + file
								+ " — and keep it: the signing keys in the database can only be read with it.");
			}
			return decode(read(file), file.toString());
		}
		boolean embeddedDatabase = environment.getProperty("spring.datasource.url", "").isBlank();
		if (!embeddedDatabase && !environment.acceptsProfiles(Profiles.of("dev"))) {
			throw new KeyEncryptionKeyException("No key-encryption key is set. With an external database the server needs one to "
					+ "encrypt its signing keys, kept apart from the database.",
					"Set ZAITAKU_SECURITY_KEY_ENCRYPTION_KEY_FILE to a file made once with: openssl rand -base64 32 > key-encryption.key"
							+ " (or ZAITAKU_SECURITY_KEY_ENCRYPTION_KEY to such a value). See docs/security.md, \"Keys and tokens at rest\".");
		}
		return generatedInDataDir(storage.dataDir().resolve(GENERATED_FILE));
	}

	private static byte[] generatedInDataDir(Path file) {
		if (Files.exists(file)) {
			return decode(read(file), file.toString());
		}
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		try {
			Files.createDirectories(file.getParent());
			Path partial = file.resolveSibling(file.getFileName() + ".new");
			Files.writeString(partial, Base64.getEncoder().encodeToString(raw) + "\n");
			restrictToOwner(partial);
			Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new KeyEncryptionKeyException("Cannot write a new key-encryption key to " + file + ": " + e.getMessage(),
					"Make the data directory writable, or set ZAITAKU_SECURITY_KEY_ENCRYPTION_KEY_FILE.");
		}
		log.warn("Generated a key-encryption key in {}: it encrypts the signing keys kept in the database. Back it up with "
				+ "the data directory; without it the server cannot sign tokens with its keys and makes new ones (every token "
				+ "then ends). To manage it yourself, set zaitaku.security.key-encryption-key-file.", file);
		return raw;
	}

	private static void restrictToOwner(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		} catch (UnsupportedOperationException notPosix) {
			// Windows: the file keeps the directory's permissions.
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new KeyEncryptionKeyException("Cannot read the key-encryption key file " + file + ": " + e.getMessage(),
					"Check the file's permissions.");
		}
	}

	private static byte[] decode(String base64, String source) {
		try {
			return Base64.getDecoder().decode(base64.trim());
		} catch (IllegalArgumentException e) {
			throw new KeyEncryptionKeyException("The key-encryption key in " + source + " is not base64.",
					"Create one with: openssl rand -base64 32");
		}
	}

	private static String fingerprintOf(byte[] raw) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
