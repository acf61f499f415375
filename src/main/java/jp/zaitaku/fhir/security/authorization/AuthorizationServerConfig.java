package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.security.login.PasswordTotpAuthenticationProvider;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.scopes.SmartScopeValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
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

	static final String LOGIN_PAGE = "/login";
	static final String CONSENT_PAGE = "/oauth2/consent";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http, ClientAssertionDecoders clientAssertions,
			SmartAuthorizationRequests smartRequests, UserAccounts users) throws Exception {
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
						.authorizationEndpoint(authorize -> authorize
								.consentPage(CONSENT_PAGE)
								.authenticationProviders(providers -> providers.forEach(provider -> {
									if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
										requests.setAuthenticationValidator(OAuth2AuthorizationCodeRequestAuthenticationValidator
												.DEFAULT_REDIRECT_URI_VALIDATOR.andThen(smartRequests::validateRequest));
										// The consent page is also the patient picker: always shown.
										requests.setAuthorizationConsentRequired(context -> true);
									}
									if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consents) {
										consents.setAuthorizationConsentCustomizer(smartRequests::recordConsent);
									}
								})))
						.tokenEndpoint(token -> token
								.accessTokenResponseHandler(SmartTokenResponse.handler())
								.authenticationProviders(providers -> providers.forEach(provider -> {
									if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
										clientCredentials.setAuthenticationValidator(SmartScopeValidator.CLIENT_CREDENTIALS);
									}
								})))
						.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(context -> {
							String username = context.getAuthorization().getPrincipalName();
							java.util.Map<String, Object> claims = new java.util.LinkedHashMap<>();
							claims.put("sub", username);
							users.find(username).ifPresent(account -> {
								claims.put("fhirUser", org.springframework.security.oauth2.server.authorization.context
										.AuthorizationServerContextHolder.getContext().getIssuer() + FhirBaseUrl.FHIR_PATH + "/" + account.fhirUser());
								if (account.displayName() != null) {
									claims.put("name", account.displayName());
								}
							});
							return new OidcUserInfo(claims);
						}))))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.cors(Customizer.withDefaults())
				// A person's browser is sent to the login page; an API client gets a 401.
				.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/** The login and consent pages: a browser session with CSRF protection, the password + TOTP login. */
	@Bean
	@Order(3)
	SecurityFilterChain loginAndConsentPagesChain(HttpSecurity http, UserAccounts users) throws Exception {
		http.securityMatcher(LOGIN_PAGE, CONSENT_PAGE)
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(LOGIN_PAGE).permitAll()
						.anyRequest().authenticated())
				.authenticationProvider(new PasswordTotpAuthenticationProvider(users))
				.formLogin(login -> login.loginPage(LOGIN_PAGE)
						.authenticationDetailsSource(PasswordTotpAuthenticationProvider.Details::new));
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
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
		return new EnabledClients(new JdbcRegisteredClientRepository(jdbc), jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
			IssuedAccessTokens issued) {
		return new RevocationAwareAuthorizationService(jdbc, clients, issued);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService() {
		return new NoRememberedConsent();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys, UserAccounts users, LaunchContexts launchContexts,
			jp.zaitaku.fhir.security.PatientsOfPerson careTeams, SecurityProperties properties) {
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
		jwt.setJwtCustomizer(new SmartTokenCustomizer(keys, users, launchContexts, careTeams));
		return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(),
				new SmartRefreshTokens(properties.offlineRefreshTokenLifetime(), properties.onlineRefreshTokenLifetime()));
	}
}
