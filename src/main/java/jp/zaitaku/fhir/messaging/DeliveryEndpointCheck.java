package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import java.util.Optional;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The endpoint is checked again just before each delivery: a name that resolved to a public address
 * when the Subscription was written may resolve to a private one now. A refused delivery is dropped
 * and logged. (A name that changes between this check and the connection itself is not caught here.)
 */
@Component
class DeliveryEndpointCheck {

	private static final Logger log = LoggerFactory.getLogger(DeliveryEndpointCheck.class);

	private final boolean allowPrivateEndpoints;

	DeliveryEndpointCheck(MessagingProperties properties, IInterceptorService storageInterceptors) {
		this.allowPrivateEndpoints = properties.allowPrivateEndpoints();
		// Delivery runs on HAPI's own threads, outside any request: only the storage interceptors hear it.
		storageInterceptors.registerInterceptor(this);
	}

	@Hook(value = Pointcut.SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY, order = InterceptorOrder.DELIVER_TO_PUBLIC_ENDPOINTS_ONLY)
	public boolean beforeDelivery(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
		if (allowPrivateEndpoints) {
			return true;
		}
		Optional<String> refusal = PublicEndpoints.refusal(subscription.getEndpointUrl());
		refusal.ifPresent(why -> log.warn("Not delivering {} to Subscription/{}: {}", message.getPayloadId(), subscription.getIdPart(), why));
		return refusal.isEmpty();
	}
}
