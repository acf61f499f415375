package jp.zaitaku.fhir.security.authorization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients as the authorization server sees them: a client an administrator disabled
 * ({@code zaitaku_disabled_client}) is not found, so it authenticates nowhere (invalid_client) and
 * no token is issued to it, while its registration stays to be enabled again.
 */
final class EnabledClients implements RegisteredClientRepository {

	private final RegisteredClientRepository stored;
	private final JdbcTemplate jdbc;

	EnabledClients(RegisteredClientRepository stored, JdbcTemplate jdbc) {
		this.stored = stored;
		this.jdbc = jdbc;
	}

	@Override
	public void save(RegisteredClient client) {
		stored.save(client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return enabled(stored.findById(id));
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return enabled(stored.findByClientId(clientId));
	}

	private RegisteredClient enabled(RegisteredClient client) {
		if (client == null || !jdbc.queryForList("SELECT 1 FROM zaitaku_disabled_client WHERE client_id = ?", Integer.class,
				client.getClientId()).isEmpty()) {
			return null;
		}
		return client;
	}
}
