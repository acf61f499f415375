package jp.zaitaku.fhir.security.login;

import jp.zaitaku.fhir.security.RegistrationFile;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Registers the people who log in at start-up: those of the users file ({@code zaitaku.security.users-file},
 * a JSON array of {@link UserRegistration}), and, only under the {@code dev} Spring profile, a demo
 * user: the visiting nurse 大泉さくら of the guide's Nerima example team, with a published TOTP secret.
 */
@Component
@SecurityEnabled
public class UserRegistrations implements SmartInitializingSingleton {

	static final UserRegistration DEV_USER = new UserRegistration("demo", "{noop}demo-password", "JBSWY3DPEHPK3PXP",
			"Practitioner/oizumi-sakura", "訪問看護師 大泉 さくら（デモ）");
	private static final Logger log = LoggerFactory.getLogger(UserRegistrations.class);

	private final UserAccounts users;
	private final SecurityProperties properties;
	private final Environment environment;

	public UserRegistrations(UserAccounts users, SecurityProperties properties, Environment environment) {
		this.users = users;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!properties.usersFile().isBlank()) {
			List<UserRegistration> registrations = RegistrationFile.read(properties.usersFile(), UserRegistration.class);
			registrations.forEach(users::save);
			log.info("Registered {} user(s) from {}", registrations.size(), properties.usersFile());
		}
		if (environment.acceptsProfiles(Profiles.of("dev"))) {
			users.save(DEV_USER);
			log.warn("dev profile: demo user '{}' / password 'demo-password' / TOTP secret {} ({}) is registered. Not for production.",
					DEV_USER.username(), DEV_USER.totpSecret(), DEV_USER.fhirUser());
		}
	}
}
