package jp.zaitaku.fhir.messaging;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.Test;

/**
 * Attachments of team messages (a photo of a wound, a PDF): accepted content types only, and no larger
 * than the limit (200 KB in the tests), as a Binary or inside a Communication — nothing of a refused
 * write is stored.
 */
class AttachmentsIT extends FhirServerTestBase {

	private static String message(String patient, String contentType, String data) {
		return communicationJson(patient, "仙骨部の写真を添付します").replace("\"payload\":[", """
				"payload":[{"contentAttachment":{"contentType":"%s","title":"仙骨部の発赤","data":"%s"}},""".formatted(contentType, data));
	}

	@Test
	void aPhotoOrAPdfIsAcceptedAndOtherTypesAreNot() {
		String patient = createPatient("練馬", "花子", "ネリマ", "ハナコ");
		String photo = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10});
		created(fhir().body(message(patient, "image/jpeg", photo)).post("/Communication"));
		created(fhir().body("""
				{"resourceType":"Binary","contentType":"application/pdf","data":"%s"}""".formatted(Base64.getEncoder().encodeToString("%PDF-1.7".getBytes())))
				.post("/Binary"));
		// A raw upload: the Binary takes the request's content type.
		given().header("Authorization", "Bearer " + accessToken()).contentType("image/png").body(new byte[] {(byte) 0x89, 'P', 'N', 'G'})
				.post("/Binary").then().statusCode(201);

		fhir().body(message(patient, "text/html", Base64.getEncoder().encodeToString("<script>alert(1)</script>".getBytes())))
				.post("/Communication").then().statusCode(422).body("issue[0].diagnostics", containsString("text/html"));
		given().header("Authorization", "Bearer " + accessToken()).contentType("application/x-msdownload").body(new byte[] {'M', 'Z'})
				.post("/Binary").then().statusCode(422).body("issue[0].diagnostics", containsString("application/x-msdownload"));
		fhir().body("""
				{"resourceType":"Binary","contentType":"image/svg+xml","data":"PHN2Zy8+"}""").post("/Binary").then().statusCode(422);
	}

	@Test
	void anAttachmentOverTheLimitIsRefusedAndNothingIsStored() {
		String patient = createPatient("練馬", "花子", "ネリマ", "ハナコ");
		String tooLarge = Base64.getEncoder().encodeToString(new byte[300 * 1024]);
		fhir().body(message(patient, "image/jpeg", tooLarge)).post("/Communication").then().statusCode(413)
				.body("issue[0].diagnostics", containsString("at most"));
		fhir().body("""
				{"resourceType":"Binary","contentType":"image/jpeg","data":"%s"}""".formatted(tooLarge)).post("/Binary").then().statusCode(413);
		// In a transaction, the whole bundle is refused.
		fhir().body("""
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":%s,"request":{"method":"POST","url":"Communication"}},
				 {"resource":{"resourceType":"Binary","contentType":"image/jpeg","data":"%s"},"request":{"method":"POST","url":"Binary"}}]}"""
				.formatted(communicationJson(patient, "これは保存されない"), tooLarge)).post("/").then().statusCode(413);
		fhir().queryParam("subject", "Patient/" + patient).get("/Communication").then().statusCode(200).body("total", equalTo(0));
	}

	private static io.restassured.specification.RequestSpecification given() {
		return io.restassured.RestAssured.given().accept(FHIR_JSON);
	}
}
