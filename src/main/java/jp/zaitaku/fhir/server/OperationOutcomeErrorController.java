package jp.zaitaku.fhir.server;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors outside HAPI (a path that is not {@code /fhir}, a method Spring does not know) answered as an
 * OperationOutcome too, so a client never has to parse two error formats.
 */
@RestController
public class OperationOutcomeErrorController implements ErrorController {

	@RequestMapping("/error")
	public ResponseEntity<String> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = code instanceof Integer i ? i : 500;
		HttpStatus httpStatus = HttpStatus.resolve(status);
		String reason = httpStatus == null ? "Error" : httpStatus.getReasonPhrase();
		String issueCode = status == 404 ? "not-found" : status >= 500 ? "exception" : "invalid";
		String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ issueCode + "\",\"diagnostics\":\"" + status + " " + reason
				+ (status == 404 ? ": the FHIR base is /fhir" : "") + "\"}]}";
		return ResponseEntity.status(status).contentType(MediaType.parseMediaType("application/fhir+json")).body(body);
	}
}
