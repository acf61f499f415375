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
	void openApiDescribesTheFhirApi() {
		given().basePath("/fhir").get("/api-docs").then().statusCode(200).body(containsString("Zaitaku FHIR"));
		given().basePath("/fhir").get("/swagger-ui/").then().statusCode(200);
	}

	@Test
	void healthEndpointReportsUpWithTheDatabase() {
		given().basePath("").get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
		given().basePath("").get("/actuator/health/readiness").then().statusCode(200);
	}

	@Test
	void actuatorDoesNotExposeInternals() {
		given().basePath("").get("/actuator/env").then().statusCode(not(equalTo(200)));
	}
}
