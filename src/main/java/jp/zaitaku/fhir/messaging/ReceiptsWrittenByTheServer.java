package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.springframework.stereotype.Component;

/**
 * A read receipt says that a person read a message; only {@code $mark-read}, which knows who is
 * calling, writes one. A receipt sent by a client (as a create, update, patch or delete, alone or in a
 * bundle) could speak for someone else or silence an escalation: 403, and a message cannot be turned
 * into a receipt or back.
 */
@Component
class ReceiptsWrittenByTheServer implements FhirServerInterceptor {

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.RECEIPTS_BY_THE_SERVER_ONLY)
	public void created(IBaseResource resource, RequestDetails request) {
		refuseReceipt(request, resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.RECEIPTS_BY_THE_SERVER_ONLY)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		refuseReceipt(request, oldResource);
		refuseReceipt(request, newResource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = InterceptorOrder.RECEIPTS_BY_THE_SERVER_ONLY)
	public void deleted(IBaseResource resource, RequestDetails request) {
		refuseReceipt(request, resource);
	}

	private static void refuseReceipt(RequestDetails request, IBaseResource resource) {
		if (request == null || request instanceof SystemRequestDetails || !(resource instanceof Communication communication)) {
			return;
		}
		if (Messages.isReceipt(communication)) {
			throw new ForbiddenOperationException("Read receipts are recorded by POST Communication/{id}/$mark-read"
					+ " (parameter status: read, acknowledged or done), not written directly.");
		}
	}
}
