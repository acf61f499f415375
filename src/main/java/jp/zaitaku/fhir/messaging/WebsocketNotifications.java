package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.deliver.websocket.SubscriptionWebsocketHandler;
import ca.uhn.fhir.jpa.subscription.match.deliver.websocket.WebsocketConnectionValidator;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.PerConnectionWebSocketHandler;
import jp.zaitaku.fhir.access.CallerAccesses;

/**
 * The websocket channel of R4 Subscriptions, HAPI's own handler at {@code /websocket}: a client binds
 * with {@code bind <subscription id>} and receives {@code ping <id>} for each notification, then reads
 * the resource over FHIR. The handshake carries the caller's bearer token ({@link WebsocketSecurity}),
 * and a client binds only Subscriptions it owns ({@link OwnerOnlyBinding}).
 */
@Configuration
@EnableWebSocket
class WebsocketNotifications implements WebSocketConfigurer {

	static final String PATH = "/websocket";

	private final DaoRegistry daos;
	private final CallerAccesses accesses;

	WebsocketNotifications(DaoRegistry daos, CallerAccesses accesses) {
		this.daos = daos;
		this.accesses = accesses;
	}

	@Bean
	WebsocketConnectionValidator websocketConnectionValidator() {
		return new WebsocketConnectionValidator();
	}

	/** A bean, so that each connection's HAPI handler gets its collaborators injected. */
	@Bean
	WebSocketHandler subscriptionWebSocketHandler() {
		return new PerConnectionWebSocketHandler(SubscriptionWebsocketHandler.class);
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// Authorised by the bearer token in the handshake, not by cookies: any origin may connect.
		registry.addHandler(new OwnerOnlyBinding(subscriptionWebSocketHandler(), daos, accesses), PATH).setAllowedOrigins("*");
	}

	/** HAPI's websocket path is ours too; the channel is delivered besides rest-hook. */
	static void supportWebsockets(SubscriptionSettings settings) {
		settings.setWebsocketContextPath(PATH);
		settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.WEBSOCKET);
	}
}
