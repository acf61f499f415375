package jp.zaitaku.fhir.server;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Errors that Tomcat answers itself, before any servlet runs (an invalid character in the URL, a
 * malformed request line, headers too large), come back as a FHIR OperationOutcome in JSON rather
 * than Tomcat's HTML page, so a FHIR client can read every 4xx the same way. Nothing of the request
 * is echoed back.
 */
public class OperationOutcomeErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String diagnostics = status == 400
				? "The request could not be parsed: check the URL (percent-encode reserved characters) and the request line"
				: "The request could not be processed (HTTP " + status + ")";
		String code = status >= 500 ? "exception" : status == 404 ? "not-found" : "invalid";
		String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
				+ "\",\"diagnostics\":\"" + diagnostics + "\"}]}";
		try {
			response.setContentType("application/fhir+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException ignored) {
			// The client has gone or the response is already committed; nothing more to say.
		}
	}
}
