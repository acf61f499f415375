package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The keys that sign our tokens, kept in PostgreSQL so that tokens stay valid across restarts and
 * every node of a cluster signs with the same keys: one active RSA key (RS256, what SMART clients
 * must support for ID tokens) and one active EC P-384 key. The JWKS endpoint publishes their public
 * halves only. A row holds the public half in {@code jwk} and the whole key sealed with the
 * {@link KeyEncryptionKey} in {@code private_jwk}; keys stored before that are sealed at start.
 */
@Component
@SecurityEnabled
public class SigningKeys implements JWKSource<SecurityContext> {

	/** Another server on the same database may have rotated: an unknown kid reloads the keys, at most this often. */
	private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(10);
	private static final Map<String, KeyGenerator> GENERATORS = Map.of(
			"RSA", () -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate(),
			"EC", () -> new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate());

	private final JdbcTemplate jdbc;
	private final KeyEncryptionKey sealing;
	private final TransactionTemplate transactions;
	private volatile JWKSet keys;
	private volatile Instant loadedAt = Instant.EPOCH;

	public SigningKeys(JdbcTemplate jdbc, KeyEncryptionKey sealing, PlatformTransactionManager transactionManager) throws JOSEException {
		this.jdbc = jdbc;
		this.sealing = sealing;
		this.transactions = new TransactionTemplate(transactionManager);
		sealKeysStoredInClear();
		for (Map.Entry<String, KeyGenerator> type : GENERATORS.entrySet()) {
			ensureActiveKey(type.getKey(), type.getValue());
		}
		reload();
	}

	/**
	 * Key rotation: a new active key of each type signs from now on. The keys it replaces stop signing
	 * at once (their private halves are deleted) and stay published in the JWKS, for checking the
	 * tokens they signed, until {@code publishedUntil}; the clean-up then removes them.
	 *
	 * @return the ids of the new keys
	 */
	public List<String> rotate(Instant publishedUntil) {
		List<JWK> fresh = new ArrayList<>();
		try {
			for (KeyGenerator generator : GENERATORS.values()) {
				fresh.add(generator.generate());
			}
		} catch (JOSEException e) {
			throw new IllegalStateException("cannot generate a signing key", e);
		}
		transactions.executeWithoutResult(status -> {
			jdbc.update("UPDATE zaitaku_signing_key SET active = false, private_jwk = NULL, retired_at = ? WHERE active",
					Timestamp.from(publishedUntil));
			fresh.forEach(key -> jdbc.update("INSERT INTO zaitaku_signing_key (kid, kty, jwk, private_jwk, kek_fingerprint, active, created_at)"
					+ " VALUES (?, ?, ?, ?, ?, true, now())", key.getKeyID(), key.getKeyType().getValue(),
					key.toPublicJWK().toJSONString(), sealing.encrypt(key.toJSONString(), key.getKeyID()), sealing.fingerprint()));
		});
		reload();
		return fresh.stream().map(JWK::getKeyID).toList();
	}

	/** The keys as an operator sees them: no key material. */
	public List<Map<String, Object>> describe() {
		return jdbc.queryForList("SELECT kid, kty, active, created_at, retired_at FROM zaitaku_signing_key ORDER BY created_at, kid");
	}

	private interface KeyGenerator {
		JWK generate() throws JOSEException;
	}

	private void ensureActiveKey(String keyType, KeyGenerator generator) throws JOSEException {
		Integer active = jdbc.queryForObject(
				"SELECT count(*) FROM zaitaku_signing_key WHERE kty = ? AND active", Integer.class, keyType);
		if (active != null && active == 0) {
			JWK key = generator.generate();
			// Two nodes starting at once: the partial unique index lets only one key per type be active.
			jdbc.update("INSERT INTO zaitaku_signing_key (kid, kty, jwk, private_jwk, kek_fingerprint, active, created_at)"
					+ " VALUES (?, ?, ?, ?, ?, true, now()) ON CONFLICT DO NOTHING", key.getKeyID(), keyType,
					key.toPublicJWK().toJSONString(), sealing.encrypt(key.toJSONString(), key.getKeyID()), sealing.fingerprint());
		}
	}

	/** Keys written before they were sealed: the private half moves, sealed, out of {@code jwk}. */
	private void sealKeysStoredInClear() {
		jdbc.query("SELECT kid, jwk FROM zaitaku_signing_key WHERE private_jwk IS NULL", row -> {
			JWK key = parse(row.getString("jwk"));
			if (key.isPrivate()) {
				jdbc.update("UPDATE zaitaku_signing_key SET jwk = ?, private_jwk = ?, kek_fingerprint = ? WHERE kid = ?",
						key.toPublicJWK().toJSONString(), sealing.encrypt(key.toJSONString(), key.getKeyID()), sealing.fingerprint(),
						row.getString("kid"));
			}
		});
	}

	/** Loads every key that is not retired: tokens signed by a rotated-out key stay verifiable. */
	public void reload() {
		List<JWK> loaded = jdbc.query("SELECT kid, jwk, private_jwk, kek_fingerprint FROM zaitaku_signing_key"
				+ " WHERE retired_at IS NULL OR retired_at > now()", (row, i) -> {
					String sealed = row.getString("private_jwk");
					return sealed == null ? parse(row.getString("jwk")) : unseal(row.getString("kid"), sealed, row.getString("kek_fingerprint"));
				});
		keys = new JWKSet(loaded);
		loadedAt = Instant.now();
	}

	private JWK unseal(String kid, String sealed, String sealedWith) {
		try {
			return parse(sealing.decrypt(sealed, kid));
		} catch (IllegalArgumentException wrongKey) {
			throw new KeyEncryptionKeyException("The signing key " + kid + " in the database was sealed with the key-encryption key "
					+ sealedWith + ", not with the one this server was given (" + sealing.fingerprint() + ").",
					"Start the server with the key-encryption key it used before (zaitaku.security.key-encryption-key-file). If that"
							+ " key is lost: DELETE FROM zaitaku_signing_key; the server then makes new signing keys, and every token"
							+ " issued before stops working.");
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		} catch (ParseException e) {
			throw new IllegalStateException("unreadable signing key in zaitaku_signing_key", e);
		}
	}

	/** The kid to sign with: the encoder refuses to choose between several matching keys. */
	String activeKeyId(String jwsAlgorithm) {
		String keyType = jwsAlgorithm.startsWith("ES") ? "EC" : "RSA";
		String kid = jdbc.queryForObject("SELECT kid FROM zaitaku_signing_key WHERE kty = ? AND active", String.class, keyType);
		if (keys.getKeyByKeyId(kid) == null) {
			reload(); // rotated by another server on this database
		}
		return kid;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		List<JWK> found = selector.select(keys);
		if (found.isEmpty() && Instant.now().isAfter(loadedAt.plus(RELOAD_AT_MOST_EVERY))) {
			reload();
			found = selector.select(keys);
		}
		return found;
	}
}
