package jp.zaitaku.fhir.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** What a caller (or an operator) learns about the server before anything else. */
class CapabilityStatementIT extends FhirServerTestBase {

	@Test
	void capabilityStatementNamesZaitakuFhirAndItsVersion() {
		fhir().get("/metadata")
				.then()
				.statusCode(200)
				.body("resourceType", equalTo("CapabilityStatement"))
				.body("software.name", equalTo("Zaitaku FHIR"))
				.body("software.version", notNullValue())
				.body("fhirVersion", equalTo("4.0.1"))
				.body("rest[0].resource.type", hasItem("CareTeam"))
				.body("rest[0].resource.type", hasItem("Communication"));
	}

	@Test
	void openApiDescribesTheFhirApiInUtf8WithTheWayToAToken() {
		given().basePath("/fhir").get("/api-docs?page=CarePlan").then().statusCode(200)
				.contentType(containsString("charset=UTF-8"))
				.body(containsString("療養の経過類型"))
				.body(containsString("- url: " + serverUrl() + "/fhir"))
				.body(containsString("tokenUrl: " + serverUrl() + "/oauth2/token"))
				.body(containsString("authorizationUrl: " + serverUrl() + "/oauth2/authorize"));
		// Kept once for every host: another host name gets its own URLs.
		given().basePath("/fhir").header("Host", "zaitaku.example.jp:8443").get("/api-docs?page=CarePlan").then().statusCode(200)
				.body(containsString("- url: http://zaitaku.example.jp:8443/fhir"))
				.body(containsString("tokenUrl: http://zaitaku.example.jp:8443/oauth2/token"))
				.body(not(containsString(".invalid")));
		given().basePath("/fhir").get("/swagger-ui/").then().statusCode(200)
				.body(containsString("usePkceWithAuthorizationCodeGrant"));
	}

	/** A second CapabilityStatement for another host names that host's SMART endpoints, not the first caller's. */
	@Test
	void theCapabilityStatementNamesTheEndpointsOfTheHostAsked() {
		given().basePath("/fhir").header("Host", "zaitaku.example.jp:8443").accept(FHIR_JSON).get("/metadata").then().statusCode(200)
				.body("implementation.url", equalTo("http://zaitaku.example.jp:8443/fhir"))
				.body("rest[0].security.extension[0].extension.find { it.url == 'token' }.valueUri",
						equalTo("http://zaitaku.example.jp:8443/oauth2/token"));
	}

	@Test
	void healthEndpointReportsUpWithTheDatabase() {
		given().basePath("").get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
		given().basePath("").get("/actuator/health/readiness").then().statusCode(200);
	}

	@Test
	void actuatorDoesNotExposeInternals() {
		given().basePath("").get("/actuator/env").then().statusCode(403);
	}
}
