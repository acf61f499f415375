package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.stereotype.Component;

/**
 * Verifies the signed client assertions of SMART Backend Services (and of confidential apps using
 * {@code private_key_jwt}), in place of Spring Authorization Server's decoder, which only knows a
 * JWKS URL, one algorithm per client and never notices a changed registration:
 * <ul>
 *   <li>RS384 or ES384 (the one the client registered), keys from the client's JWKS URL or its inline JWKS;
 *   <li>a {@code kid} is required and a {@code jku} header must be the registered URL;
 *   <li>iss = sub = client id, {@code aud} = our token endpoint (or the introspection or revocation endpoint called), {@code exp} at most five minutes
 *       ahead, a {@code jti} that was never seen before (kept until the assertion expires).
 * </ul>
 */
@Component
@SecurityEnabled
public class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

	/** Client setting holding the client's public keys as a JWKS JSON string. */
	public static final String INLINE_JWKS = "settings.client.zaitaku.jwks";
	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
	private final JdbcTemplate jdbc;
	private final SecurityProperties properties;

	public ClientAssertionDecoders(JdbcTemplate jdbc, SecurityProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		String jwksUrl = client.getClientSettings().getJwkSetUrl();
		String inlineJwks = client.getClientSettings().getSetting(INLINE_JWKS);
		// Keyed by the keys too: a client whose registration changed gets a new decoder.
		String cacheKey = client.getId() + "|" + jwksUrl + "|" + Objects.hashCode(inlineJwks);
		return assertion -> {
			checkHeader(assertion, jwksUrl);
			// Built lazily inside decode(): a registration that cannot be used is then the client's
			// 401 invalid_client, not a server error.
			return decoders.computeIfAbsent(cacheKey, key -> build(client, jwksUrl, inlineJwks)).decode(assertion);
		};
	}

	private static void checkHeader(String assertion, String jwksUrl) {
		SignedJWT signed;
		try {
			signed = SignedJWT.parse(assertion); // an unsigned JWT (alg "none") does not parse as signed
		} catch (ParseException e) {
			throw new BadJwtException("the client assertion must be a signed JWT", e);
		}
		if (signed.getHeader().getKeyID() == null) {
			throw new BadJwtException("the client assertion has no kid header");
		}
		URI jku = signed.getHeader().getJWKURL();
		if (jku != null && !jku.toString().equals(jwksUrl)) {
			throw new BadJwtException("the client assertion's jku is not the client's registered JWKS URL");
		}
	}

	private NimbusJwtDecoder build(RegisteredClient client, String jwksUrl, String inlineJwks) {
		// The algorithm the client registered, RS384 or ES384; SMART lets a client use either, one per registration.
		JWSAlgorithm registered = client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm() == null
				? JWSAlgorithm.RS384
				: JWSAlgorithm.parse(client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm().getName());
		if (!ALGORITHMS.contains(registered)) {
			throw new BadJwtException("client " + client.getClientId() + " is registered for " + registered + ", not RS384 or ES384");
		}
		NimbusJwtDecoder decoder;
		if (inlineJwks != null) {
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			try {
				processor.setJWSKeySelector(new JWSVerificationKeySelector<>(registered, new ImmutableJWKSet<>(JWKSet.parse(inlineJwks))));
			} catch (ParseException e) {
				throw new BadJwtException("the registered JWKS of " + client.getClientId() + " cannot be read", e);
			}
			processor.setJWTClaimsSetVerifier((claims, context) -> {}); // the validators below check the claims
			decoder = new NimbusJwtDecoder(processor);
		} else if (jwksUrl != null && allowedJwksUrl(jwksUrl)) {
			decoder = NimbusJwtDecoder.withJwkSetUri(jwksUrl)
					.jwsAlgorithms(algorithms -> algorithms.add(SignatureAlgorithm.from(registered.getName())))
					.build();
		} else {
			throw new BadJwtException("client " + client.getClientId() + " has no usable public keys registered");
		}
		decoder.setJwtValidator(validator(client.getClientId()));
		return decoder;
	}

	/** https only: the server fetches the URL, so a plain-http or internal one would be an open door (SSRF). */
	private boolean allowedJwksUrl(String url) {
		URI uri = URI.create(url);
		if ("https".equals(uri.getScheme())) {
			return true;
		}
		try {
			return properties.allowHttpJwksUrls() && "http".equals(uri.getScheme())
					&& InetAddress.getByName(uri.getHost()).isLoopbackAddress();
		} catch (UnknownHostException e) {
			return false;
		}
	}

	private OAuth2TokenValidator<Jwt> validator(String clientId) {
		OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<String>(JwtClaimNames.ISS, clientId::equals),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, clientId::equals),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						audience -> audience != null && audience.stream().anyMatch(ClientAssertionDecoders::isOurEndpoint)),
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, expiry -> expiry != null
						&& expiry.isBefore(Instant.now().plus(properties.clientAssertionMaxLifetime()).plusSeconds(60))),
				new JwtClaimValidator<String>(JwtClaimNames.JTI, jti -> jti != null && !jti.isBlank() && jti.length() <= 255),
				new JwtTimestampValidator());
		// Every validator of a DelegatingOAuth2TokenValidator runs; the jti is recorded only once the others passed.
		return jwt -> {
			OAuth2TokenValidatorResult result = claims.validate(jwt);
			if (result.hasErrors()) {
				return result;
			}
			// An expired assertion is refused anyway, so its jti need not be kept any longer.
			jdbc.update("DELETE FROM zaitaku_client_assertion_jti WHERE client_id = ? AND expires_at < now() - interval '2 minutes'",
					clientId);
			int recorded = jdbc.update("""
					INSERT INTO zaitaku_client_assertion_jti (client_id, jti, expires_at) VALUES (?, ?, ?)
					ON CONFLICT DO NOTHING""", clientId, jwt.getId(), Timestamp.from(jwt.getExpiresAt()));
			return recorded == 1 ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
							"this client assertion (jti) was already used", null));
		};
	}

	/**
	 * SMART names the token endpoint as audience; introspection and revocation calls name their own
	 * endpoint. The audience must be the endpoint this assertion is presented at: one written for the
	 * revocation endpoint cannot get a token (the jti alone stops only a second use).
	 */
	private static boolean isOurEndpoint(String audience) {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		String issuer = context.getIssuer();
		var settings = context.getAuthorizationServerSettings();
		String called = calledPath();
		return Stream.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint())
				.anyMatch(endpoint -> audience.equals(issuer + endpoint) && (called == null || called.endsWith(endpoint)));
	}

	/** The path of the request being served (Spring's request context, set before the security filters), or null. */
	private static String calledPath() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getRequestURI() : null;
	}
}
