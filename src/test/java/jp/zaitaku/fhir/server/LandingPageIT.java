package jp.zaitaku.fhir.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/** The server's root points a person or a client to the FHIR base, its documents and Swagger UI. */
class LandingPageIT extends FhirServerTestBase {

	@Test
	void aBrowserAtTheRootIsShownWhereToGo() {
		given().basePath("").accept("text/html").get("/").then().statusCode(200)
				.contentType(startsWith("text/html"))
				.body(containsString("href=\"fhir\""))
				.body(containsString("fhir/swagger-ui/"))
				.body(containsString("在宅医療・介護連携"));
	}

	@Test
	void aClientAtTheRootGetsTheLinksAsJson() {
		given().basePath("").accept("application/json").get("/").then().statusCode(200)
				.body("fhirBase", equalTo("/fhir"))
				.body("capabilityStatement", equalTo("/fhir/metadata"));
	}

	@Test
	void whatDoesNotExistIsNotFoundAndTheRootDiscoveryPointsToTheFhirBase() {
		given().basePath("").accept("application/json").get("/anything-else").then().statusCode(404)
				.body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
		given().basePath("").redirects().follow(false).get("/.well-known/smart-configuration").then().statusCode(308)
				.header("Location", "/fhir/.well-known/smart-configuration");
		given().basePath("").get("/actuator/env").then().statusCode(403);
	}
}
