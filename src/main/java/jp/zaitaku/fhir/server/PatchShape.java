package jp.zaitaku.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A PATCH must name what it patches and may not change what the resource is: a PATCH of a type needs
 * a search (a conditional patch); a FHIRPath Patch is a Parameters resource; neither may change the
 * resource's id or type ({@code /id}, {@code /resourceType}, {@code Patient.id}). HAPI answered the
 * first two with a 500 and applied the third. Each gets 400.
 */
@Component
@Interceptor
public class PatchShape implements FhirServerInterceptor {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern IDENTITY_POINTER = Pattern.compile("^/(id|resourceType)(/.*)?$");
	private static final Pattern IDENTITY_PATH = Pattern.compile("^[A-Z][A-Za-z]*\\.id$");

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.PATCH_SHAPE)
	public void requireAPatchThatKeepsTheResource(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.PATCH) {
			return;
		}
		boolean conditional = request.getConditionalUrl(RestOperationTypeEnum.PATCH) != null;
		if ((request.getId() == null || !request.getId().hasIdPart()) && !conditional) {
			throw new InvalidRequestException("PATCH needs a resource id (PATCH " + request.getResourceName()
					+ "/<id>) or a search (a conditional patch: PATCH " + request.getResourceName() + "?identifier=...)");
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return;
		}
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		String text = new String(body, StandardCharsets.UTF_8);
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Constants.CT_JSON_PATCH)) {
			requireJsonPatchKeepsIdentity(text);
		} else if (EncodingEnum.forContentType(contentType) != null) {
			requireFhirPathPatch(request, text);
		}
	}

	private static void requireJsonPatchKeepsIdentity(String text) {
		try {
			for (JsonNode operation : JSON.readTree(text)) {
				for (String field : new String[] {"path", "from"}) {
					JsonNode pointer = operation.get(field);
					if (pointer != null && pointer.isTextual() && IDENTITY_POINTER.matcher(pointer.asText()).matches()
							&& !(field.equals("from") && "copy".equals(operation.path("op").asText()))) {
						throw new InvalidRequestException("A JSON Patch may not change the resource's id or type (" + field + " "
								+ pointer.asText() + ")");
					}
				}
			}
		} catch (IOException unreadable) {
			// HAPI answers a JSON Patch it cannot read with 400 itself.
		}
	}

	private static void requireFhirPathPatch(RequestDetails request, String text) {
		String resourceType = EncodingEnum.forContentType(request.getHeader(Constants.HEADER_CONTENT_TYPE)) == EncodingEnum.JSON
				? jsonResourceType(text) : xmlRootName(text);
		if (!"Parameters".equals(resourceType)) {
			throw new InvalidRequestException("A FHIRPath Patch is a Parameters resource, not "
					+ (resourceType == null ? "this body" : "a " + resourceType));
		}
		java.util.regex.Matcher path = Pattern.compile("\"name\"\\s*:\\s*\"path\"\\s*,\\s*\"valueString\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
		while (path.find()) {
			if (IDENTITY_PATH.matcher(path.group(1).trim()).matches()) {
				throw new InvalidRequestException("A FHIRPath Patch may not change the resource's id (" + path.group(1) + ")");
			}
		}
	}

	private static String jsonResourceType(String text) {
		try {
			JsonNode type = JSON.readTree(text).get("resourceType");
			return type == null ? null : type.asText();
		} catch (IOException unreadable) {
			return null;
		}
	}

	private static String xmlRootName(String text) {
		java.util.regex.Matcher root = Pattern.compile("<\\s*([A-Za-z]+)[\\s/>]").matcher(text.replaceFirst("^\\s*<\\?xml[^>]*\\?>", ""));
		return root.find() ? root.group(1) : null;
	}
}
