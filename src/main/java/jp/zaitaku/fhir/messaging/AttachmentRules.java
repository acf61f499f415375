package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.springframework.stereotype.Component;

/**
 * Attachments — a photo of a wound on a team message, a PDF report in a DocumentReference, the Binary
 * that holds it — are of the content types {@code zaitaku.messaging.attachment-content-types} (422
 * otherwise: no HTML or scripts to open in a colleague's browser, no executables) and at most
 * {@code zaitaku.messaging.attachment-max-size} (413). Checked on every write by a caller, in bundles
 * too, before anything about the patient is judged, so the answer is the same for every patient.
 */
@Component
class AttachmentRules implements FhirServerInterceptor {

	private final FhirContext fhirContext;
	private final Set<String> contentTypes;
	private final long maxBytes;

	AttachmentRules(FhirContext fhirContext, MessagingProperties properties) {
		this.fhirContext = fhirContext;
		this.contentTypes = properties.attachmentContentTypes().stream().map(type -> type.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		this.maxBytes = properties.attachmentMaxSize().toBytes();
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.ATTACHMENT_TYPES_AND_SIZES)
	public void created(IBaseResource resource, RequestDetails request) {
		check(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.ATTACHMENT_TYPES_AND_SIZES)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		check(newResource);
	}

	private void check(IBaseResource resource) {
		if (resource instanceof Binary binary) {
			requireAllowed("Binary.contentType", binary.getContentType());
			requireSize("Binary.data", binary.hasData() ? binary.getData().length : 0);
			return;
		}
		for (Attachment attachment : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Attachment.class)) {
			String where = resource.fhirType() + " attachment" + (attachment.hasTitle() ? " 「" + attachment.getTitle() + "」" : "");
			if (attachment.hasContentType() || attachment.hasData()) {
				requireAllowed(where + " contentType", attachment.getContentType());
			}
			requireSize(where, Math.max(attachment.hasData() ? attachment.getData().length : 0, attachment.hasSize() ? attachment.getSize() : 0));
		}
	}

	private void requireAllowed(String where, String contentType) {
		String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (!contentTypes.contains(type)) {
			throw new UnprocessableEntityException(where + " '" + (contentType == null ? "" : contentType) + "' is not accepted: attachments may be "
					+ contentTypes.stream().sorted().collect(Collectors.joining(", ")) + ".");
		}
	}

	private void requireSize(String where, long bytes) {
		if (bytes > maxBytes) {
			throw new PayloadTooLargeException(where + " has " + bytes + " bytes; an attachment may have at most " + maxBytes + ".");
		}
	}
}
