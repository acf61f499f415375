package jp.zaitaku.fhir.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jp.zaitaku.fhir.audit.AdministrationAudit;
import jp.zaitaku.fhir.audit.AdministrationAudit.Subject;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import jp.zaitaku.fhir.security.authorization.ClientRegistration;
import jp.zaitaku.fhir.security.authorization.ClientRegistrations;
import jp.zaitaku.fhir.security.authorization.IssuedAuthorizations;
import jp.zaitaku.fhir.security.authorization.SigningKeys;
import jp.zaitaku.fhir.security.login.Totp;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The administration API: clients, people who log in, their tokens, the signing keys. JSON in and
 * out; a client's body is an entry of the clients file, a person's the fields of the users file
 * without the TOTP secret (the server makes one and answers it as an enrolment QR code). Every call,
 * refused or not, leaves an AuditEvent naming the administering client.
 */
@RestController
@RequestMapping(path = "/admin", produces = "application/json")
@SecurityEnabled
class AdminApi {

	static final String ISSUER_NAME = "Zaitaku FHIR";
	/** How long a rotated-out key stays published beyond the longest access token: clocks differ. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
	/** ID tokens of Spring Authorization Server live 30 minutes; apps may check them with the JWKS that long. */
	private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(30);

	private final ClientRegistrations clients;
	private final UserAccounts users;
	private final IssuedAuthorizations authorizations;
	private final SigningKeys keys;
	private final AdministrationAudit audit;
	private final SecurityProperties properties;

	AdminApi(ClientRegistrations clients, UserAccounts users, IssuedAuthorizations authorizations, SigningKeys keys,
			AdministrationAudit audit, SecurityProperties properties) {
		this.clients = clients;
		this.users = users;
		this.authorizations = authorizations;
		this.keys = keys;
		this.audit = audit;
		this.properties = properties;
	}

	// --- clients ----------------------------------------------------------------------------

	@GetMapping("/clients")
	List<ClientRegistrations.Summary> listClients(@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "R", Subject.CONFIGURATION, "clients", clients::list);
	}

	/** Registers or changes a client; body: an entry of the clients file. 201 when new. */
	@PutMapping(path = "/clients/{clientId}", consumes = "application/json")
	ResponseEntity<ClientRegistrations.Summary> saveClient(@PathVariable String clientId, @RequestBody ClientRegistration registration,
			@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.CONFIGURATION, "client " + clientId, () -> {
			if (registration.clientId() != null && !registration.clientId().equals(clientId)) {
				throw new IllegalArgumentException("the body's clientId is not the one in the path");
			}
			boolean isNew = !clients.exists(clientId);
			clients.save(registration.clientId() == null ? withClientId(registration, clientId) : registration);
			ClientRegistrations.Summary saved = clients.list().stream().filter(c -> c.clientId().equals(clientId)).findFirst().orElseThrow();
			return ResponseEntity.status(isNew ? HttpStatus.CREATED : HttpStatus.OK).body(saved);
		});
	}

	/** Removes a client and revokes every token it holds or was given for people. */
	@DeleteMapping("/clients/{clientId}")
	ResponseEntity<Void> removeClient(@PathVariable String clientId, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "D", Subject.CONFIGURATION, "client " + clientId, () -> {
			requireClient(clientId);
			authorizations.revoke(clientId, null);
			clients.remove(clientId);
			return ResponseEntity.noContent().build();
		});
	}

	/** A disabled client gets no token, and the tokens it has stop working. */
	@PostMapping("/clients/{clientId}/disable")
	ResponseEntity<Void> disableClient(@PathVariable String clientId, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.CONFIGURATION, "client " + clientId, () -> {
			requireClient(clientId);
			clients.setEnabled(clientId, false);
			authorizations.revoke(clientId, null);
			return ResponseEntity.noContent().build();
		});
	}

	@PostMapping("/clients/{clientId}/enable")
	ResponseEntity<Void> enableClient(@PathVariable String clientId, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.CONFIGURATION, "client " + clientId, () -> {
			requireClient(clientId);
			clients.setEnabled(clientId, true);
			return ResponseEntity.noContent().build();
		});
	}

	// --- people who log in ------------------------------------------------------------------

	@GetMapping("/users")
	List<UserAccounts.Summary> listUsers(@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "R", Subject.USER_SECURITY, "users", users::list);
	}

	/** A person as registered: the users file's fields; {@code password} in clear or with its encoding ({bcrypt}…). */
	record PersonBody(String password, String fhirUser, String displayName, String role) {}

	/** What a new person (or a reset) is given to enrol their authenticator app: the QR code and what it holds. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Enrolment(String username, String otpauthUri, String secret, String qrCodeSvg) {}

	/** Registers or changes a person. A new one gets a TOTP secret, answered once as an enrolment (201). */
	@PutMapping(path = "/users/{username}", consumes = "application/json")
	ResponseEntity<Object> savePerson(@PathVariable String username, @RequestBody PersonBody body, @AuthenticationPrincipal Jwt admin,
			HttpServletRequest request) {
		return audited(admin, request, "U", Subject.USER_SECURITY, "user " + username, () -> {
			var existing = users.find(username);
			String password = body.password() == null ? existing.map(UserAccounts.Account::passwordHash).orElse(null)
					: body.password().startsWith("{") ? body.password() : "{noop}" + body.password();
			if (password == null) {
				throw new IllegalArgumentException("a new person needs a password");
			}
			String secret = existing.map(UserAccounts.Account::totpSecret).orElseGet(Totp::newSecret);
			users.save(new UserRegistration(username, password, secret, body.fhirUser(), body.displayName(), body.role()));
			return existing.isPresent() ? ResponseEntity.ok(Map.of("username", username))
					: ResponseEntity.status(HttpStatus.CREATED).body(enrolment(username, secret));
		});
	}

	/** Removes a person and revokes every token their apps hold. */
	@DeleteMapping("/users/{username}")
	ResponseEntity<Void> removePerson(@PathVariable String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "D", Subject.USER_SECURITY, "user " + username, () -> {
			requirePerson(username);
			authorizations.revoke(null, username);
			users.remove(username);
			return ResponseEntity.noContent().build();
		});
	}

	@PostMapping("/users/{username}/disable")
	ResponseEntity<Void> disablePerson(@PathVariable String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.USER_SECURITY, "user " + username, () -> {
			requirePerson(username);
			users.setEnabled(username, false);
			authorizations.revoke(null, username);
			return ResponseEntity.noContent().build();
		});
	}

	@PostMapping("/users/{username}/enable")
	ResponseEntity<Void> enablePerson(@PathVariable String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.USER_SECURITY, "user " + username, () -> {
			requirePerson(username);
			users.setEnabled(username, true);
			return ResponseEntity.noContent().build();
		});
	}

	/** A lost or new phone: a new TOTP secret (the old app's codes stop working), answered as an enrolment. */
	@PostMapping("/users/{username}/authenticator")
	Enrolment resetAuthenticator(@PathVariable String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "U", Subject.USER_SECURITY, "user " + username + " authenticator", () -> {
			String secret = Totp.newSecret();
			if (!users.replaceTotpSecret(username, secret)) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no person " + username);
			}
			return enrolment(username, secret);
		});
	}

	// --- tokens -----------------------------------------------------------------------------

	@GetMapping("/tokens")
	List<IssuedAuthorizations.Summary> listTokens(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(required = false) String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "R", Subject.USER_SECURITY, tokensOf(clientId, username),
				() -> authorizations.list(clientId, username));
	}

	/** Revokes every token of a client and/or a person. */
	@DeleteMapping("/tokens")
	Map<String, Integer> revokeTokens(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(required = false) String username, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "E", Subject.USER_SECURITY, tokensOf(clientId, username), () -> {
			if (clientId == null && username == null) {
				throw new IllegalArgumentException("name client_id, username or both");
			}
			return Map.of("revoked", authorizations.revoke(clientId, username));
		});
	}

	@DeleteMapping("/tokens/{id}")
	ResponseEntity<Void> revokeAuthorization(@PathVariable String id, @AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "E", Subject.USER_SECURITY, "authorization " + id, () -> {
			if (!authorizations.revoke(id)) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no authorization " + id);
			}
			return ResponseEntity.noContent().build();
		});
	}

	// --- signing keys -----------------------------------------------------------------------

	@GetMapping("/signing-keys")
	List<Map<String, Object>> listKeys(@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "R", Subject.CONFIGURATION, "signing keys", keys::describe);
	}

	/**
	 * New signing keys sign from now on; the old ones stay published until every access and ID token
	 * they signed has expired, then the hourly clean-up removes them.
	 */
	@PostMapping("/signing-keys/rotate")
	Map<String, Object> rotateKeys(@AuthenticationPrincipal Jwt admin, HttpServletRequest request) {
		return audited(admin, request, "E", Subject.CONFIGURATION, "signing keys", () -> {
			Duration longestToken = List.of(properties.appTokenLifetime(), properties.backendTokenLifetime(), ID_TOKEN_LIFETIME).stream()
					.max(Duration::compareTo).orElseThrow();
			Instant publishedUntil = Instant.now().plus(longestToken).plus(CLOCK_SKEW);
			return Map.of("active", keys.rotate(publishedUntil), "previousKeysPublishedUntil", publishedUntil.toString());
		});
	}

	// --- helpers ----------------------------------------------------------------------------

	/** Runs the call and records it, with the status it ends with, refused ones included. */
	private <T> T audited(Jwt admin, HttpServletRequest request, String action, Subject subject, String what, Supplier<T> call) {
		String clientId = admin.getClaimAsString("client_id");
		String line = request.getMethod() + " " + request.getRequestURI();
		try {
			T result = call.get();
			int status = result instanceof ResponseEntity<?> response ? response.getStatusCode().value() : 200;
			audit.record(clientId, request.getRemoteAddr(), action, subject, what, line + " " + status, status);
			return result;
		} catch (ResponseStatusException refused) {
			audit.record(clientId, request.getRemoteAddr(), action, subject, what, line + " " + refused.getStatusCode().value() + " "
					+ refused.getReason(), refused.getStatusCode().value());
			throw refused;
		} catch (IllegalArgumentException invalid) {
			audit.record(clientId, request.getRemoteAddr(), action, subject, what, line + " 400 " + invalid.getMessage(), 400);
			throw invalid;
		}
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
		return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "error_description", e.getMessage()));
	}

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<Map<String, String>> refused(ResponseStatusException e) {
		return ResponseEntity.status(e.getStatusCode()).body(Map.of("error", "not_found", "error_description", String.valueOf(e.getReason())));
	}

	private void requireClient(String clientId) {
		if (!clients.exists(clientId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no client " + clientId);
		}
	}

	private void requirePerson(String username) {
		if (users.find(username).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no person " + username);
		}
	}

	private static Enrolment enrolment(String username, String secret) {
		String uri = Totp.enrolmentUri(ISSUER_NAME, username, secret);
		return new Enrolment(username, uri, secret, QrCodeSvg.of(uri));
	}

	private static String tokensOf(String clientId, String username) {
		return "tokens of" + (clientId == null ? "" : " client " + clientId) + (username == null ? "" : " user " + username);
	}

	private static ClientRegistration withClientId(ClientRegistration r, String clientId) {
		return new ClientRegistration(clientId, r.clientName(), r.authentication(), r.clientSecret(), r.jwksUrl(), r.jwks(),
				r.signingAlgorithm(), r.scopes(), r.redirectUris(), r.organization());
	}
}
