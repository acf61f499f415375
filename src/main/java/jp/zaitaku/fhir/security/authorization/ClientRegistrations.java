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
					"{noop}" + DEV_CLIENT_SECRET, null, null, null, List.of("system/*.cruds")));
			log.warn("dev profile: test client '{}' with secret '{}' and scope system/*.cruds is registered. Not for production.",
					DEV_CLIENT_ID, DEV_CLIENT_SECRET);
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
		RegisteredClient existing = clients.findByClientId(registration.clientId());
		RegisteredClient client = registration.toRegisteredClient(existing == null ? null : existing.getId(), properties);
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
}
