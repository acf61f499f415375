package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Standard FHIR R4 Subscriptions, matched and delivered by HAPI's subscription module: a write is
 * recorded for matching in its own transaction (HAPI's table HFJ_RESOURCE_MODIFIED), matched against
 * the active criteria Subscriptions every few seconds, and sent to each rest-hook endpoint.
 * {@link SubscriptionChannelGuard} decides which Subscriptions may be written.
 */
@Configuration(proxyBeanMethods = false)
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
class RestHookSubscriptions {

	/** Rest-hook and websocket are the channels this server delivers; HAPI processes no Subscription without a supported type. */
	@Bean
	static BeanPostProcessor restHookSubscriptionsSupported() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof SubscriptionSettings settings) {
					settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
					WebsocketNotifications.supportWebsockets(settings);
				}
				return bean;
			}
		};
	}

	/** HAPI's processor needs an e-mail sender; the e-mail channel is refused when a Subscription is written. */
	@Bean
	IEmailSender subscriptionEmailSender() {
		return details -> {
			throw new UnsupportedOperationException("Subscriptions with the email channel are not delivered by this server");
		};
	}
}
