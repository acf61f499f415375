package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.login.Totp;
import jp.zaitaku.fhir.security.login.UserAccounts;
import jp.zaitaku.fhir.security.login.UserRegistration;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.zaitaku.fhir.FhirServerTestBase;
import jp.zaitaku.fhir.TestTime;
import jp.zaitaku.fhir.profiles.GuideExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A real SMART app in a real browser: the unmodified fhirclient.js (npm, installed by the build)
 * served from another origin (127.0.0.1) than the FHIR server (localhost), in headless chromium.
 * A visiting nurse logs in with password and authenticator code, picks her patient and approves;
 * the app reads that patient and her care plans with the token it got.
 */
class SmartAppInBrowserIT extends FhirServerTestBase {

	private static final Path APP = Path.of("src", "test", "e2e");
	private static final Map<String, Path> FILES = Map.of(
			"/launch.html", APP.resolve("app/launch.html"),
			"/index.html", APP.resolve("app/index.html"),
			"/fhir-client.js", APP.resolve("node_modules/fhirclient/build/fhir-client.js"));

	@Autowired
	private ClientRegistrations clients;
	@Autowired
	private UserAccounts users;

	private HttpServer appServer;
	private WebDriver browser;

	@BeforeEach
	void serveTheAppAndStartTheBrowser() throws IOException {
		appServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		appServer.createContext("/", exchange -> {
			Path file = FILES.get(exchange.getRequestURI().getPath());
			byte[] body = file == null ? new byte[0] : Files.readAllBytes(file);
			exchange.getResponseHeaders().set("Content-Type",
					exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(file == null ? 404 : 200, file == null ? -1 : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		appServer.start();

		ChromeOptions options = new ChromeOptions();
		options.setBinary(executable("chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=ja");
		// The browser console goes into the failure message: what the app saw.
		org.openqa.selenium.logging.LoggingPreferences logging = new org.openqa.selenium.logging.LoggingPreferences();
		logging.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService driver = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
		browser = new ChromeDriver(driver, options);
	}

	/** Debian's chromium and chromedriver (.ci/run installs them); nothing is downloaded. */
	private static String executable(String name) {
		for (String directory : List.of("/usr/bin", "/usr/local/bin")) {
			if (Files.isExecutable(Path.of(directory, name))) {
				return directory + "/" + name;
			}
		}
		throw new IllegalStateException(name + " is not installed: apt-get install chromium chromium-driver (see .ci/run)");
	}

	private String browserConsole() {
		StringBuilder console = new StringBuilder("browser console:\n");
		browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
				.forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
		return console.toString();
	}

	@AfterEach
	void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (appServer != null) {
			appServer.stop(0);
		}
	}

	/** The nurse of the example team, and a public app registered for {@code scopes}, served at the app origin. */
	private String nurse;
	private String nurseTotpSecret;

	private String registerAppAndNurse(List<String> scopes) {
		fhir().body(GuideExamples.teamTransaction()).post("/").then().statusCode(200);
		String appOrigin = "http://127.0.0.1:" + appServer.getAddress().getPort();
		String clientId = "browser-app-" + UUID.randomUUID();
		clients.save(new ClientRegistration(clientId, "在宅ケア記録アプリ", ClientRegistration.PUBLIC, null, null, null, null,
				scopes, List.of(appOrigin + "/index.html")));
		nurse = "browser-nurse-" + UUID.randomUUID().toString().substring(0, 8);
		nurseTotpSecret = SmartAppFlow.newTotpSecret();
		users.save(new UserRegistration(nurse, "{noop}ブラウザ-pw", nurseTotpSecret, "Practitioner/oizumi-sakura", "訪問看護師 大泉 さくら"));
		return clientId;
	}

	private void openApp(String clientId, String scope, String launch) {
		String appOrigin = "http://127.0.0.1:" + appServer.getAddress().getPort();
		browser.get(appOrigin + "/launch.html?iss=" + serverUrl() + "/fhir&client_id=" + clientId
				+ "&scope=" + scope.replace(" ", "%20") + (launch == null ? "" : "&launch=" + launch));
	}

	private WebDriverWait logIn() {
		WebDriverWait wait = new WebDriverWait(browser, TestTime.scaled(Duration.ofSeconds(60)));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totp")));
		browser.findElement(By.id("username")).sendKeys(nurse);
		browser.findElement(By.id("password")).sendKeys("ブラウザ-pw");
		browser.findElement(By.id("totp")).sendKeys(Totp.codeAt(nurseTotpSecret, Instant.now().getEpochSecond()));
		browser.findElement(By.id("login")).click();
		return wait;
	}

	private void awaitTheApp(WebDriverWait wait) {
		wait.until(driver -> driver.getTitle().startsWith("OK ") || driver.getTitle().startsWith("ERROR "));
		assertThat(browserConsole(), browser.getTitle(), equalTo("OK nerima-hanako careplans=1"));
	}

	@Test
	void aNurseOpensTheAppForHerPatientInTheBrowser() {
		String clientId = registerAppAndNurse(List.of("launch/patient", "openid", "fhirUser", "patient/*.rs"));
		openApp(clientId, "launch/patient openid fhirUser patient/*.rs", null);
		WebDriverWait wait = logIn();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("patient-nerima-hanako"))).click();
		browser.findElement(By.id("approve")).click();
		awaitTheApp(wait);
	}

	@Test
	void anEhrOpensTheAppForThePatientOnScreen() {
		String clientId = registerAppAndNurse(List.of("launch", "openid", "fhirUser", "patient/*.rs"));
		BackendClient ehr = BackendClient.es384("browser-ehr-" + UUID.randomUUID());
		clients.save(ehr.registration(List.of("system/Patient.rs")));
		String launch = anonymous().header("Authorization", "Bearer " + ehr.token(serverUrl(), "system/Patient.rs"))
				.body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"client_id\",\"valueString\":\"" + clientId + "\"}]}")
				.post("/Patient/nerima-hanako/$smart-launch")
				.then().statusCode(200).extract().path("parameter.find { it.name == 'launch' }.valueString");

		openApp(clientId, "launch openid fhirUser patient/*.rs", launch);
		WebDriverWait wait = logIn();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve"))).click();
		awaitTheApp(wait);
	}

	/**
	 * Swagger UI gets a person's token: "Authorize" with the authorization code flow, PKCE and the
	 * FHIR base as audience, the login and consent pages in its pop-up; the token it holds then reads
	 * the nurse's patient. The guide's Japanese arrives intact.
	 */
	@Test
	void aNurseAuthorizesSwaggerUiAndItsTokenReadsHerPatient() {
		registerAppAndNurse(List.of("openid"));
		String clientId = "swagger-ui-" + UUID.randomUUID();
		clients.save(new ClientRegistration(clientId, "Swagger UI", ClientRegistration.PUBLIC, null, null, null, null,
				List.of("openid", "fhirUser", "user/*.rs"), List.of(serverUrl() + "/fhir/swagger-ui/oauth2-redirect.html")));
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 2400));
		browser.get(serverUrl() + "/fhir/swagger-ui/");
		WebDriverWait wait = new WebDriverWait(browser, TestTime.scaled(Duration.ofSeconds(60)));
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("client_id_authorizationCode"))).sendKeys(clientId);
		org.openqa.selenium.JavascriptExecutor script = (org.openqa.selenium.JavascriptExecutor) browser;
		for (String scope : List.of("openid", "fhirUser", "user/*.rs")) {
			script.executeScript("document.getElementById(arguments[0]).click()",
					scope + "-authorizationCode-checkbox-smart-on-fhir");
		}
		String main = browser.getWindowHandle();
		org.openqa.selenium.WebElement authorize = browser.findElement(By.xpath("//input[@id='client_id_authorizationCode']"
				+ "/ancestor::div[contains(@class,'auth-container')]//button[contains(@class,'authorize')]"));
		script.executeScript("arguments[0].scrollIntoView({block: 'center'})", authorize);
		wait.until(ExpectedConditions.elementToBeClickable(authorize)).click();
		wait.until(driver -> driver.getWindowHandles().size() > 1);
		browser.switchTo().window(browser.getWindowHandles().stream().filter(handle -> !handle.equals(main)).findFirst().orElseThrow());
		logIn();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
		browser.switchTo().window(main);
		String token = wait.until(driver -> (String) script.executeScript(
				"const auth = window.ui.authSelectors.authorized().toJS()['smart-on-fhir'];"
						+ " return auth && auth.token ? auth.token.access_token : null;"));
		anonymous().header("Authorization", "Bearer " + token).get("/Patient/nerima-hanako").then().statusCode(200);

		String carePlans = (String) script.executeAsyncScript(
				"const done = arguments[arguments.length - 1];"
						+ " fetch('../api-docs?page=CarePlan').then(r => r.text()).then(done);");
		assertThat(browserConsole(), carePlans.contains("療養の経過類型"), equalTo(true));
	}
}
