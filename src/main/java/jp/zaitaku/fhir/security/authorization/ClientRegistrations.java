package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.RegistrationFile;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Registers clients at start-up: those of the clients file ({@code zaitaku.security.clients-file},
 * a JSON array of {@link ClientRegistration}), each created or updated by its client id; and, only
 * under the {@code dev} Spring profile, a local test client. A broken file stops the start: a
 * server that silently lost its EHR's registration would be worse.
 */
@Component
@SecurityEnabled
public class ClientRegistrations implements SmartInitializingSingleton {

	static final String DEV_CLIENT_ID = "zaitaku-dev";
	static final String DEV_CLIENT_SECRET = "dev-secret";
	/** Swagger UI's own app under the dev profile, for a person's login through "Authorize". */
	static final String DEV_SWAGGER_UI_CLIENT_ID = "zaitaku-swagger-ui";
	private static final String SWAGGER_UI_REDIRECT = "/fhir/swagger-ui/oauth2-redirect.html";
	private static final Logger log = LoggerFactory.getLogger(ClientRegistrations.class);

	private final RegisteredClientRepository clients;
	private final SecurityProperties properties;
	private final Environment environment;
	private final Map<String, Optional<String>> organizations = new ConcurrentHashMap<>();

	private final JdbcTemplate database;

	public ClientRegistrations(RegisteredClientRepository clients, SecurityProperties properties, Environment environment,
			JdbcTemplate database) {
		this.clients = clients;
		this.properties = properties;
		this.environment = environment;
		this.database = database;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!properties.clientsFile().isBlank()) {
			List<ClientRegistration> registrations = RegistrationFile.read(properties.clientsFile(), ClientRegistration.class);
			registrations.forEach(this::save);
			log.info("Registered {} client(s) from {}", registrations.size(), properties.clientsFile());
		}
		if (environment.acceptsProfiles(Profiles.of("dev"))) {
			save(new ClientRegistration(DEV_CLIENT_ID, "Local development client", ClientRegistration.CLIENT_SECRET_BASIC,
					"{noop}" + DEV_CLIENT_SECRET, null, null, null, List.of("system/*.cruds", ClientRegistration.ADMIN_SCOPE)));
			log.warn("dev profile: test client '{}' with secret '{}' and scopes system/*.cruds and {} is registered. Not for production.",
					DEV_CLIENT_ID, DEV_CLIENT_SECRET, ClientRegistration.ADMIN_SCOPE);
			String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
			List<String> swaggerUi = List.of("http://localhost:" + port + SWAGGER_UI_REDIRECT, "http://127.0.0.1:" + port + SWAGGER_UI_REDIRECT);
			save(new ClientRegistration(DEV_SWAGGER_UI_CLIENT_ID, "Swagger UI (dev)", ClientRegistration.PUBLIC, null, null, null, null,
					List.of("openid", "fhirUser", "user/*.rs", "user/*.cruds"), swaggerUi, null));
			log.warn("dev profile: public client '{}' for Swagger UI's Authorize (authorization code + PKCE) is registered. Not for production.",
					DEV_SWAGGER_UI_CLIENT_ID);
		}
		warnIfNobodyCanGetAToken();
	}

	/** Without a registered client every token request is an invalid_client; the operator should know why. */
	private void warnIfNobodyCanGetAToken() {
		if (properties.external().configured()) {
			return;
		}
		Integer registered = database.queryForObject("SELECT count(*) FROM oauth2_registered_client", Integer.class);
		if (registered != null && registered == 0) {
			log.warn("No client is registered, so no one can get an access token (every token request is answered"
					+ " invalid_client). Register EHRs and apps in a clients file: ZAITAKU_SECURITY_CLIENTS_FILE=/path/to/clients.json"
					+ " (format in docs/security.md, 'The clients file'). To try the server locally, start it with"
					+ " SPRING_PROFILES_ACTIVE=dev (a test client) or ZAITAKU_SECURITY_ENABLED=false (no security at all).");
		}
	}

	/** Creates or updates one client; the stored row (and its id) is kept for an existing client id. */
	public RegisteredClient save(ClientRegistration registration) {
		// By SQL, not the repository: that one does not find a disabled client.
		List<String> existing = database.queryForList("SELECT id FROM oauth2_registered_client WHERE client_id = ?", String.class,
				registration.clientId());
		RegisteredClient client = registration.toRegisteredClient(existing.isEmpty() ? null : existing.get(0), properties);
		clients.save(client);
		organizations.remove(registration.clientId());
		return client;
	}

	/**
	 * The organisation a backend client acts for, if it was registered with one. Asked on every
	 * request, so the answer is kept until the client is saved again.
	 */
	public Optional<String> organizationOf(String clientId) {
		return organizations.computeIfAbsent(clientId, id -> {
			RegisteredClient client = clients.findByClientId(id);
			return Optional.ofNullable(client == null ? null : (String) client.getClientSettings().getSetting(ClientRegistration.ORGANIZATION_SETTING));
		});
	}

	/** A client as an administrator sees it: no secret, no keys. */
	public record Summary(String clientId, String clientName, List<String> authenticationMethods, List<String> grantTypes,
			List<String> scopes, List<String> redirectUris, boolean enabled) {}

	public List<Summary> list() {
		return database.query("""
				SELECT c.client_id, c.client_name, c.client_authentication_methods, c.authorization_grant_types, c.scopes,
				       c.redirect_uris, d.client_id IS NULL AS enabled
				FROM oauth2_registered_client c LEFT JOIN zaitaku_disabled_client d ON d.client_id = c.client_id
				ORDER BY c.client_id""", (row, i) -> new Summary(row.getString(1), row.getString(2), split(row.getString(3)),
				split(row.getString(4)), split(row.getString(5)), split(row.getString(6)), row.getBoolean(7)));
	}

	public boolean exists(String clientId) {
		return !database.queryForList("SELECT 1 FROM oauth2_registered_client WHERE client_id = ?", Integer.class, clientId).isEmpty();
	}

	/** A disabled client gets no token (invalid_client) until it is enabled again; its registration is kept. */
	public boolean setEnabled(String clientId, boolean enabled) {
		if (!exists(clientId)) {
			return false;
		}
		if (enabled) {
			database.update("DELETE FROM zaitaku_disabled_client WHERE client_id = ?", clientId);
		} else {
			database.update("INSERT INTO zaitaku_disabled_client (client_id) VALUES (?) ON CONFLICT DO NOTHING", clientId);
		}
		return true;
	}

	/** Removes the registration (its tokens are revoked by the caller). */
	public boolean remove(String clientId) {
		organizations.remove(clientId);
		database.update("DELETE FROM zaitaku_disabled_client WHERE client_id = ?", clientId);
		return database.update("DELETE FROM oauth2_registered_client WHERE client_id = ?", clientId) == 1;
	}

	private static List<String> split(String commaSeparated) {
		return commaSeparated == null || commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
	}
}
