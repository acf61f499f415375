package jp.zaitaku.fhir.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded authorization server (Spring Authorization Server) at the root of the server:
 * {@code /oauth2/token}, {@code /oauth2/jwks}, {@code /oauth2/introspect}, {@code /oauth2/revoke},
 * {@code /.well-known/oauth-authorization-server}. Clients, authorizations and signing keys live in
 * PostgreSQL, so tokens survive a restart and revocation is seen at once.
 */
@Configuration(proxyBeanMethods = false)
@SecurityEnabled
public class AuthorizationServerConfig {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, ClientAssertionDecoders clientAssertions)
			throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
				.with(authorizationServer, server -> server
						.clientAuthentication(clients -> clients
								.authenticationConverters(converters -> converters.add(0, new ClientAssertionConverter()))
								.authenticationProviders(providers -> providers.forEach(provider -> {
									if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
										assertions.setJwtDecoderFactory(clientAssertions);
									}
								})))
						.tokenEndpoint(token -> token.authenticationProviders(providers -> providers.forEach(provider -> {
							if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
								clientCredentials.setAuthenticationValidator(SmartScopeValidator.CLIENT_CREDENTIALS);
							}
						}))))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.cors(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(FhirBaseUrl urls) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (!urls.configuredIssuer().isEmpty()) {
			settings.issuer(urls.configuredIssuer());
		}
		return settings.build();
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc, SecuritySchema schema) {
		return new JdbcRegisteredClientRepository(jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients, SecuritySchema schema) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(
			JdbcTemplate jdbc, RegisteredClientRepository clients, SecuritySchema schema) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys) {
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
		jwt.setJwtCustomizer(new SmartTokenCustomizer(keys));
		return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(), new OAuth2RefreshTokenGenerator());
	}
}
