package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.RegistrationFile;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.security.login.UserRegistration;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The clients and users files in the documented format, and the registrations they become. */
class RegistrationFileTest {

	private static final SecurityProperties SETTINGS = new SecurityProperties(true, "", "", Duration.ofMinutes(5),
			Duration.ofMinutes(5), false, Duration.ofHours(1), Duration.ofDays(90), Duration.ofHours(12), "", "", "",
			new SecurityProperties.ExternalIssuer("", "", "", ""));

	@Test
	void aBackendServiceAndAnAppAreRegisteredAsSmartWants() {
		List<ClientRegistration> clients = RegistrationFile.read("src/test/resources/security/clients.json", ClientRegistration.class);
		assertThat(clients, hasSize(2));

		RegisteredClient ehr = clients.get(0).toRegisteredClient(null, SETTINGS);
		assertThat(ehr.getClientName(), equalTo("練馬中央病院 電子カルテ"));
		assertThat(ehr.getAuthorizationGrantTypes(), contains(AuthorizationGrantType.CLIENT_CREDENTIALS));
		assertThat(ehr.getClientAuthenticationMethods(), contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT));
		assertThat(ehr.getTokenSettings().getAccessTokenTimeToLive(), equalTo(Duration.ofMinutes(5)));

		RegisteredClient app = clients.get(1).toRegisteredClient(null, SETTINGS);
		assertThat(app.getAuthorizationGrantTypes(),
				containsInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN));
		assertThat(app.getClientAuthenticationMethods(), contains(ClientAuthenticationMethod.NONE));
		assertThat(app.getClientSettings().isRequireProofKey(), equalTo(true));
		assertThat(app.getRedirectUris(), contains("https://app.zaitaku-care.example.jp/callback"));
	}

	@Test
	void registrationsThatBreakARuleAreRefused() {
		ClientRegistration backendWithPatientScope = new ClientRegistration("x", null, "client_secret_basic", "{noop}s", null, null,
				null, List.of("patient/*.rs"));
		ClientRegistration httpJwks = new ClientRegistration("y", null, "private_key_jwt", null, "http://keys.example.jp/jwks", null,
				null, List.of("system/*.rs"));
		ClientRegistration publicBackend = new ClientRegistration("z", null, "none", null, null, null, null, List.of("system/*.rs"));
		ClientRegistration appWithSystemScope = new ClientRegistration("w", null, "none", null, null, null, null,
				List.of("system/*.rs"), List.of("https://app.example.jp/cb"));
		for (ClientRegistration broken : List.of(backendWithPatientScope, httpJwks, publicBackend, appWithSystemScope)) {
			assertThrows(IllegalArgumentException.class, () -> broken.toRegisteredClient(null, SETTINGS), broken.clientId());
		}
	}

	@Test
	void peopleAreReadWithTheirFhirUser() {
		List<UserRegistration> users = RegistrationFile.read("src/test/resources/security/users.json", UserRegistration.class);
		assertThat(users, hasSize(1));
		users.get(0).check();
		assertThat(users.get(0).fhirUser(), equalTo("Practitioner/oizumi-sakura"));
		assertThrows(IllegalArgumentException.class,
				() -> new UserRegistration("bad user", "{noop}x", "JBSWY3DPEHPK3PXPJBSWY3DP", "Patient/1", null).check());
	}
}
