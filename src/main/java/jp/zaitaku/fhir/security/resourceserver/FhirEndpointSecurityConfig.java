package jp.zaitaku.fhir.security.resourceserver;

import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.security.authorization.IssuedAccessTokens;
import jp.zaitaku.fhir.security.authorization.SigningKeys;
import jp.zaitaku.fhir.security.scopes.SmartAuthorizationInterceptor;
import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Set;
import jp.zaitaku.fhir.server.FhirServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The FHIR endpoint as an OAuth 2.0 resource server: every request but {@code /fhir/metadata}, the
 * SMART configuration and the OpenAPI description needs a bearer token that this server issued for
 * this FHIR base and has not revoked; what the token may do is then HAPI's business
 * ({@link SmartAuthorizationInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
@SecurityEnabled
public class FhirEndpointSecurityConfig {

	@Bean
	@Order(2)
	SecurityFilterChain fhirEndpoint(HttpSecurity http, JwtDecoder accessTokens, FhirContext fhirContext) throws Exception {
		// An AntPathRequestMatcher, not securityMatcher(String): that one is Spring MVC's and never sees the HAPI servlet.
		http.securityMatcher(AntPathRequestMatcher.antMatcher("/fhir/**"))
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf(csrf -> csrf.disable())
				// A bearer-token API has no logout, no saved request to return to after a login and no
				// servlet login API: three filters less on every FHIR request.
				.logout(logout -> logout.disable())
				.requestCache(cache -> cache.disable())
				.servletApi(servletApi -> servletApi.disable())
				.cors(Customizer.withDefaults())
				.authorizeHttpRequests(requests -> requests
						.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
						.requestMatchers(
								AntPathRequestMatcher.antMatcher(HttpMethod.GET, "/fhir/metadata"),
								AntPathRequestMatcher.antMatcher(HttpMethod.GET, "/fhir/.well-known/smart-configuration"),
								AntPathRequestMatcher.antMatcher(HttpMethod.GET, "/fhir/api-docs"),
								AntPathRequestMatcher.antMatcher(HttpMethod.GET, "/fhir/swagger-ui/**"))
						.permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer
						.jwt(jwt -> jwt.decoder(accessTokens))
						.authenticationEntryPoint(new BearerTokenEntryPoint(fhirContext)));
		return http.build();
	}

	/**
	 * Everything else: the landing page, health and info for operators, and whatever does not exist,
	 * which the error controller answers 404. No other endpoint is served outside {@code /fhir},
	 * {@code /oauth2} and the login pages (a Spring MVC controller added there would be public).
	 */
	@Bean
	@Order(10)
	SecurityFilterChain otherEndpoints(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests
				.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers("/actuator/**").denyAll()
				.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * Access tokens: signed by one of our keys (RS256 or ES384; {@code alg: none} and foreign keys are
	 * refused), not expired, issued for this FHIR base, and still known to the authorization server,
	 * so a revoked token, or the previous one after a refresh, stops working on the next request. A
	 * token verified in the last minute is taken from {@link IssuedAccessTokens} without checking again.
	 */
	@Bean
	JwtDecoder accessTokenDecoder(SigningKeys keys, IssuedAccessTokens issued, FhirBaseUrl urls, SecurityProperties properties) {
		OAuth2TokenValidator<Jwt> forThisServer = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(urls.fhirBase())
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
						"the token is not for this FHIR server (aud must be " + urls.fhirBase() + ")", null));
		if (properties.external().configured()) {
			return externalIssuerDecoder(properties.external(), forThisServer);
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384), keys));
		processor.setJWTClaimsSetVerifier((claims, context) -> {}); // Spring's validators below
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), forThisServer));
		return token -> {
			Jwt recent = issued.recentlyVerified(token);
			// The audience depends on the host the request came through (without a configured issuer): checked every time.
			if (recent != null && !forThisServer.validate(recent).hasErrors()) {
				return recent;
			}
			Jwt jwt = decoder.decode(token);
			if (!issued.isActive(token)) {
				throw new BadJwtException("the token was revoked or replaced");
			}
			issued.remember(token, jwt);
			return jwt;
		};
	}

	/**
	 * Tokens of an external OpenID Connect issuer: signed by a key of its JWKS, its {@code iss}, not
	 * expired, for this FHIR base. Revocation is the issuer's business (short token lifetimes).
	 */
	private static JwtDecoder externalIssuerDecoder(SecurityProperties.ExternalIssuer external, OAuth2TokenValidator<Jwt> forThisServer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(external.jwksUri())
				.jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
						SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
				.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(external.issuer()), forThisServer));
		return decoder;
	}

	/** Browser apps (SMART apps) call the FHIR endpoint and the token endpoint from other origins. */
	@Bean
	CorsConfigurationSource corsConfigurationSource(FhirServerProperties server) {
		CorsConfiguration cors = new CorsConfiguration();
		server.corsAllowedOrigins().forEach(cors::addAllowedOriginPattern);
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
		cors.addAllowedHeader("*");
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate"));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!server.corsAllowedOrigins().isEmpty()) {
			// Only the FHIR and authorization-server chains consult this. One pattern for all: the
			// source matches paths within their servlet, and for HAPI's servlet /fhir/Patient is /Patient.
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}
}
