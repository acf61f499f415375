package jp.zaitaku.fhir.security.authorization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.jwk.JWK;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a copy of the database would give an attacker: no token a caller could present (access,
 * refresh, ID tokens, codes and consent states are digests), no private signing key in clear, no
 * client secret or password in clear. Read from the tables themselves, after real logins.
 */
class TokensAndKeysAtRestIT extends FhirServerTestBase {

	private static final List<String> TOKEN_COLUMNS = List.of("state", "authorization_code_value", "access_token_value",
			"oidc_id_token_value", "refresh_token_value");

	@Autowired
	private JdbcTemplate jdbc;
	@Autowired
	private UserAccounts users;
	@Autowired
	private ClientRegistrations clients;

	@Test
	void theTablesHoldOnlyDigestsOfTokens() {
		String backendToken = accessToken();
		fhir().get("/Patient?_count=1").then().statusCode(200);
		String appToken = personSignsIn().accessToken();
		String waiting = consentPending();
		assertThat(rows("principal_name = ? AND state LIKE 'sha256:%'", waiting), equalTo(1));
		anonymous().header("Authorization", "Bearer " + appToken).get("/Practitioner?_count=1").then().statusCode(200);

		for (String token : List.of(backendToken, appToken)) {
			assertThat(rows("access_token_value = ?", token), equalTo(0));
			assertThat(rows("access_token_value = ?", TokenDigests.of(token)), equalTo(1));
		}
		for (String column : TOKEN_COLUMNS) {
			assertThat(column + " holds only digests", rows(column + " IS NOT NULL AND " + column + " NOT LIKE 'sha256:%'"), equalTo(0));
			assertThat(column + " has rows", rows(column + " IS NOT NULL"), not(equalTo(0)));
		}
		// The database computes the same digest (the migration of older rows uses it).
		assertThat(jdbc.queryForObject("SELECT zaitaku_token_digest(?)", String.class, appToken), equalTo(TokenDigests.of(appToken)));
	}

	@Test
	void privateSigningKeysAreSealed() {
		List<Map<String, Object>> keys = jdbc.queryForList("SELECT kid, jwk, private_jwk, active FROM zaitaku_signing_key");
		assertThat(keys.isEmpty(), equalTo(false));
		for (Map<String, Object> key : keys) {
			assertThat(parse((String) key.get("jwk")).isPrivate(), equalTo(false));
			String sealed = (String) key.get("private_jwk");
			if (Boolean.TRUE.equals(key.get("active"))) {
				assertThat(sealed, startsWith("v1:"));
				assertThat(sealed, not(containsString("\"d\"")));
			} else {
				// A rotated-out key only checks the tokens it signed: its private half is gone.
				assertThat(sealed, equalTo(null));
			}
		}
	}

	@Test
	void secretsGivenInClearAreStoredHashedOrSealed() {
		String name = personSignsIn().name();
		String password = jdbc.queryForObject("SELECT password_hash FROM zaitaku_user WHERE username = ?", String.class, name);
		String secret = jdbc.queryForObject("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?", String.class, name);
		assertThat(password, startsWith("{bcrypt}"));
		assertThat(secret, startsWith("{bcrypt}"));
		// The authenticator's secret is sealed (the person still logged in with it above).
		String totp = jdbc.queryForObject("SELECT totp_secret FROM zaitaku_user WHERE username = ?", String.class, name);
		assertThat(totp, startsWith("v1:"));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM zaitaku_user WHERE totp_secret NOT LIKE 'v1:%'", Integer.class), equalTo(0));
	}

	/**
	 * A person signs in to a confidential app (code, consent state, access, ID and refresh token) with
	 * secrets given in clear.
	 */
	private SignedIn personSignsIn() {
		String name = "at-rest-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> scopes = List.of("openid", "fhirUser", "user/Practitioner.rs", "offline_access");
		clients.save(new ClientRegistration(name, "保存確認アプリ", ClientRegistration.CLIENT_SECRET_BASIC, "{noop}plain-secret",
				null, null, null, scopes, List.of(SmartAppFlow.REDIRECT_URI)));
		String practitioner = created(fhir().body("{\"resourceType\":\"Practitioner\",\"name\":[{\"text\":\"保存 確認\"}]}").post("/Practitioner"));
		String totp = SmartAppFlow.newTotpSecret();
		users.save(new UserRegistration(name, "{noop}平文のパスワード", totp, "Practitioner/" + practitioner, "保存 確認", null));
		Response token = new SmartAppFlow(serverUrl(), name).confidentialUserToken(name, "平文のパスワード", totp,
				scopes, "plain-secret");
		assertThat(token.jsonPath().getString("refresh_token"), not(equalTo(null)));
		return new SignedIn(name, token.jsonPath().getString("access_token"));
	}

	/**
	 * A person who logged in and has the consent page before her: the authorization holds its consent
	 * {@code state}. Returns her user name.
	 */
	private String consentPending() {
		String name = "pending-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> scopes = List.of("openid", "user/Practitioner.rs");
		clients.save(new ClientRegistration(name, "同意待ちアプリ", ClientRegistration.PUBLIC, null, null, null, null, scopes,
				List.of(SmartAppFlow.REDIRECT_URI)));
		String practitioner = created(fhir().body("{\"resourceType\":\"Practitioner\",\"name\":[{\"text\":\"同意 待ち\"}]}").post("/Practitioner"));
		String totp = SmartAppFlow.newTotpSecret();
		users.save(new UserRegistration(name, "{noop}待機中のパスワード", totp, "Practitioner/" + practitioner, "同意 待ち", null));
		SmartAppFlow app = new SmartAppFlow(serverUrl(), name);
		app.authorize(String.join(" ", scopes), Map.of()).then().statusCode(302);
		Response toConsent = app.follow(app.logIn(name, "待機中のパスワード", totp));
		app.follow(toConsent).then().statusCode(200);
		return name;
	}

	/** The app's client id and the person's user name (the same), and the access token she got. */
	private record SignedIn(String name, String accessToken) {}

	private int rows(String condition, Object... values) {
		return jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE " + condition, Integer.class, values);
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		} catch (java.text.ParseException e) {
			throw new AssertionError(e);
		}
	}
}
