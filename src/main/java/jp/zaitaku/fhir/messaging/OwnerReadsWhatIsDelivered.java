package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import jp.zaitaku.fhir.access.CallerAccess;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.OwnedResources;
import jp.zaitaku.fhir.access.PatientReach;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * A notification goes out only if the Subscription's owner may read the resource <em>now</em>, at
 * delivery, by the same rules as a read of theirs (care team, consent, what family may see): a member
 * who has left the team gets nothing more about that patient, and a criteria that matches another
 * patient's record delivers nothing of it. A Subscription without an owner was created by a caller who
 * reaches every patient. A deletion is told only to such callers (what was deleted can no longer be judged).
 */
@Component
class OwnerReadsWhatIsDelivered {

	private final DaoRegistry daos;
	private final CallerAccesses accesses;
	private final PatientReach reach;
	private final FhirContext fhirContext;

	OwnerReadsWhatIsDelivered(DaoRegistry daos, CallerAccesses accesses, PatientReach reach, FhirContext fhirContext,
			IInterceptorService storageInterceptors) {
		this.daos = daos;
		this.accesses = accesses;
		this.reach = reach;
		this.fhirContext = fhirContext;
		// Matching runs on HAPI's own threads, outside any request: only the storage interceptors hear it.
		storageInterceptors.registerInterceptor(this);
	}

	@Hook(value = Pointcut.SUBSCRIPTION_RESOURCE_MATCHED, order = InterceptorOrder.ONLY_WHAT_THE_OWNER_READS)
	public boolean matched(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
		Set<String> owners;
		try {
			owners = OwnedResources.ownersOf(daos.getResourceDao("Subscription")
					.read(new IdType("Subscription", subscription.getIdPart()), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false; // deleted meanwhile
		}
		if (owners.size() > 1) {
			return false;
		}
		CallerAccess owner = accesses.ofOwner(owners.isEmpty() ? null : owners.iterator().next());
		IBaseResource payload = message.getPayload(fhirContext);
		if (payload == null || message.getOperationType() == ca.uhn.fhir.rest.server.messaging.BaseResourceModifiedMessage.OperationTypeEnum.DELETE) {
			return owner.reachesEveryPatient();
		}
		return reach.mayRead(owner, payload);
	}
}
