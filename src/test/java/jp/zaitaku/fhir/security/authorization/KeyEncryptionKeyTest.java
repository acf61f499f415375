package jp.zaitaku.fhir.security.authorization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.storage.StorageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class KeyEncryptionKeyTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
	private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	@TempDir
	Path dataDir;

	@Test
	void sealsAndOpensBoundToItsContext() {
		KeyEncryptionKey key = key(KEY, "", new MockEnvironment());
		String sealed = key.encrypt("{\"d\":\"秘密鍵\"}", "kid-1");
		assertThat(sealed, not(containsString("秘密鍵")));
		assertThat(key.decrypt(sealed, "kid-1"), equalTo("{\"d\":\"秘密鍵\"}"));
		// Moved to another row, or opened with another key: refused.
		assertThrows(IllegalArgumentException.class, () -> key.decrypt(sealed, "kid-2"));
		assertThrows(IllegalArgumentException.class, () -> key(OTHER_KEY, "", new MockEnvironment()).decrypt(sealed, "kid-1"));
		assertThat(key.fingerprint(), not(equalTo(key(OTHER_KEY, "", new MockEnvironment()).fingerprint())));
	}

	@Test
	void theEmbeddedDatabasesServerMakesOneKeyReadableByItsOwnerOnly() throws Exception {
		KeyEncryptionKey first = key("", "", new MockEnvironment());
		Path file = dataDir.resolve(KeyEncryptionKey.GENERATED_FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), equalTo("rw-------"));
		KeyEncryptionKey again = key("", "", new MockEnvironment());
		assertThat(again.fingerprint(), equalTo(first.fingerprint()));
		assertThat(again.decrypt(first.encrypt("鍵", "k"), "k"), equalTo("鍵"));
	}

	@Test
	void aServerOnAnExternalDatabaseDoesNotStartWithoutOne() {
		MockEnvironment external = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/zaitaku");
		KeyEncryptionKeyException refused = assertThrows(KeyEncryptionKeyException.class, () -> key("", "", external));
		assertThat(refused.action(), containsString("ZAITAKU_SECURITY_KEY_ENCRYPTION_KEY_FILE"));
		// The dev profile may still make one.
		external.setActiveProfiles("dev");
		key("", "", external);
	}

	@Test
	void aKeyFileMustExistAndHoldThirtyTwoBytes() throws Exception {
		Path file = dataDir.resolve("kek");
		assertThrows(KeyEncryptionKeyException.class, () -> key("", file.toString(), new MockEnvironment()));
		Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));
		assertThrows(KeyEncryptionKeyException.class, () -> key("", file.toString(), new MockEnvironment()));
		Files.writeString(file, OTHER_KEY + "\n");
		assertThat(key("", file.toString(), new MockEnvironment()).fingerprint(), equalTo(key(OTHER_KEY, "", new MockEnvironment()).fingerprint()));
	}

	private KeyEncryptionKey key(String value, String file, MockEnvironment environment) {
		SecurityProperties settings = new SecurityProperties(true, "", "", Duration.ofMinutes(5), Duration.ofMinutes(5), false,
				Duration.ofHours(1), Duration.ofDays(90), Duration.ofHours(12), "", value, file,
				new SecurityProperties.ExternalIssuer("", "", "", ""));
		return new KeyEncryptionKey(settings, new StorageProperties(dataDir, 0), environment);
	}
}
