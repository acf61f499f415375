package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.login.Totp;
import static io.restassured.RestAssured.given;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;

/**
 * What a person's browser and a SMART app do in a standalone launch, step by step over HTTP:
 * authorize → login (password + TOTP) → consent with the patient picker → code → token.
 */
public final class SmartAppFlow {

	public static final String REDIRECT_URI = "http://127.0.0.1/callback";
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final String serverUrl;
	final String clientId;
	final CookieFilter browser = new CookieFilter();
	final String verifier = randomString(48);
	final String state = randomString(16);

	public SmartAppFlow(String serverUrl, String clientId) {
		this.serverUrl = serverUrl;
		this.clientId = clientId;
	}

	static String randomString(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	public static String newTotpSecret() {
		byte[] random = new byte[20];
		RANDOM.nextBytes(random);
		return new Base32().encodeToString(random).replace("=", "");
	}

	static String challenge(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	RequestSpecification browser() {
		return given().baseUri(serverUrl).basePath("").filter(browser).redirects().follow(false).accept("text/html");
	}

	/** The app sends the browser to the authorization endpoint; {@code overrides} replace or add parameters. */
	Response authorize(String scope, Map<String, String> overrides) {
		Map<String, String> parameters = new java.util.LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", REDIRECT_URI);
		parameters.put("scope", scope);
		parameters.put("state", state);
		parameters.put("aud", serverUrl + "/fhir");
		parameters.put("code_challenge", challenge(verifier));
		parameters.put("code_challenge_method", "S256");
		parameters.putAll(overrides);
		return browser().queryParams(parameters).get("/oauth2/authorize");
	}

	/** Logs in on the login page; answers the redirect the login sends. */
	Response logIn(String username, String password, String totpSecret) {
		String page = browser().get("/login").then().statusCode(200).extract().asString();
		Matcher csrf = CSRF.matcher(page);
		if (!csrf.find()) {
			throw new AssertionError("no CSRF token on the login page");
		}
		return browser().contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("username", username)
				.formParam("password", password)
				.formParam("totp", Totp.codeAt(totpSecret, Instant.now().getEpochSecond()))
				.formParam("_csrf", csrf.group(1))
				.post("/login");
	}

	/** Follows one redirect with the browser's cookies. */
	Response follow(Response redirect) {
		// The Location is already URL-encoded: sent as it is.
		return browser().urlEncodingEnabled(false).get(redirect.header("Location").replace(serverUrl, ""));
	}

	/** Approves the given scopes on the consent page (its HTML: it carries the consent's state), picking {@code patient}. */
	Response approve(String consentPage, List<String> scopes, String patient) {
		Matcher consentState = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(consentPage);
		if (!consentState.find()) {
			throw new AssertionError("no state on the consent page: " + consentPage);
		}
		RequestSpecification request = browser().contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("client_id", clientId)
				.formParam("state", org.springframework.web.util.HtmlUtils.htmlUnescape(consentState.group(1)));
		scopes.forEach(scope -> request.formParam("scope", scope));
		if (patient != null) {
			request.formParam("patient", patient);
		}
		Response answer = request.post("/oauth2/authorize");
		answer.then().statusCode(302);
		return answer;
	}

	static String codeFrom(Response redirect) {
		Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(redirect.header("Location"));
		if (!code.find()) {
			throw new AssertionError("no code in " + redirect.header("Location"));
		}
		return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
	}

	/** A public app exchanges the code (PKCE verifier, no secret). */
	Response exchange(String code, String codeVerifier) {
		return given().baseUri(serverUrl).basePath("").contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("grant_type", "authorization_code")
				.formParam("code", code)
				.formParam("redirect_uri", REDIRECT_URI)
				.formParam("client_id", clientId)
				.formParam("code_verifier", codeVerifier)
				.post("/oauth2/token");
	}

	/** A confidential app exchanges the code with its secret (HTTP Basic) and the PKCE verifier. */
	Response exchangeWithSecret(String code, String secret) {
		return given().baseUri(serverUrl).basePath("").auth().preemptive().basic(clientId, secret)
				.contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("grant_type", "authorization_code")
				.formParam("code", code)
				.formParam("redirect_uri", REDIRECT_URI)
				.formParam("code_verifier", verifier)
				.post("/oauth2/token");
	}

	Response refresh(String refreshToken, String secret, String scope) {
		RequestSpecification request = given().baseUri(serverUrl).basePath("").auth().preemptive().basic(clientId, secret)
				.contentType("application/x-www-form-urlencoded; charset=UTF-8")
				.formParam("grant_type", "refresh_token")
				.formParam("refresh_token", refreshToken);
		if (scope != null) {
			request.formParam("scope", scope);
		}
		return request.post("/oauth2/token");
	}

	/**
	 * The whole standalone flow for a person who picks no patient (user/ scopes): authorize, log in,
	 * approve every scope, exchange the code. Returns the access token.
	 */
	public String userToken(String username, String password, String totpSecret, List<String> scopes) {
		String code = approvedCode(username, password, totpSecret, scopes);
		return exchange(code, verifier).then().statusCode(200).extract().jsonPath().getString("access_token");
	}

	/** The same for a confidential app, which exchanges the code with its secret; returns the token response. */
	Response confidentialUserToken(String username, String password, String totpSecret, List<String> scopes, String secret) {
		String code = approvedCode(username, password, totpSecret, scopes);
		return exchangeWithSecret(code, secret).then().statusCode(200).extract().response();
	}

	private String approvedCode(String username, String password, String totpSecret, List<String> scopes) {
		authorize(String.join(" ", scopes), Map.of()).then().statusCode(302);
		Response backToAuthorize = logIn(username, password, totpSecret);
		backToAuthorize.then().statusCode(302);
		Response toConsent = follow(backToAuthorize);
		toConsent.then().statusCode(302);
		String consentPage = follow(toConsent).then().statusCode(200).extract().asString();
		return codeFrom(approve(consentPage, scopes, null));
	}
}
