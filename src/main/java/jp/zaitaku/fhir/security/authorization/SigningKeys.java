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
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The keys that sign our tokens, kept in PostgreSQL so that tokens stay valid across restarts and
 * every node of a cluster signs with the same keys: one active RSA key (RS256, what SMART clients
 * must support for ID tokens) and one active EC P-384 key. The JWKS endpoint publishes their public
 * halves only.
 */
@Component
@SecurityEnabled
public class SigningKeys implements JWKSource<SecurityContext> {

	private final JdbcTemplate jdbc;
	private volatile JWKSet keys;

	public SigningKeys(JdbcTemplate jdbc) throws JOSEException {
		this.jdbc = jdbc;
		ensureActiveKey("RSA", () -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate());
		ensureActiveKey("EC", () -> new ECKeyGenerator(Curve.P_384).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate());
		reload();
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
			jdbc.update("INSERT INTO zaitaku_signing_key (kid, kty, jwk, active, created_at) VALUES (?, ?, ?, true, now())"
					+ " ON CONFLICT DO NOTHING", key.getKeyID(), keyType, key.toJSONString());
		}
	}

	/** Loads every key that is not retired: tokens signed by a rotated-out key stay verifiable. */
	public void reload() {
		List<JWK> loaded = jdbc.query(
				"SELECT jwk FROM zaitaku_signing_key WHERE retired_at IS NULL OR retired_at > now()", (row, i) -> {
					try {
						return JWK.parse(row.getString(1));
					} catch (ParseException e) {
						throw new IllegalStateException("unreadable signing key in zaitaku_signing_key", e);
					}
				});
		keys = new JWKSet(loaded);
	}

	/** The kid to sign with: the encoder refuses to choose between several matching keys. */
	String activeKeyId(String jwsAlgorithm) {
		String keyType = jwsAlgorithm.startsWith("ES") ? "EC" : "RSA";
		return jdbc.queryForObject("SELECT kid FROM zaitaku_signing_key WHERE kty = ? AND active", String.class, keyType);
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(keys);
	}
}
