package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import jp.zaitaku.fhir.access.CallerAccess;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.OwnedResources;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * {@code bind <id>} is passed to HAPI's handler only for a Subscription the connection's token owns
 * (or any, for a caller who reaches every patient, and in open mode, where there are no tokens). Any
 * other, and one that does not exist, closes the connection with the same words, so a client cannot
 * listen to, or even learn of, someone else's Subscription.
 */
class OwnerOnlyBinding extends WebSocketHandlerDecorator {

	private static final String BIND = "bind ";

	private final DaoRegistry daos;
	private final CallerAccesses accesses;

	OwnerOnlyBinding(WebSocketHandler delegate, DaoRegistry daos, CallerAccesses accesses) {
		super(delegate);
		this.daos = daos;
		this.accesses = accesses;
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		if (message instanceof TextMessage text && text.getPayload().strip().startsWith(BIND)
				&& !mayBind(session, text.getPayload().strip().substring(BIND.length()).strip())) {
			refuse(session);
			return;
		}
		super.handleMessage(session, message);
	}

	private boolean mayBind(WebSocketSession session, String subscription) {
		CallerAccess caller = session.getPrincipal() instanceof JwtAuthenticationToken token ? accesses.ofToken(token)
				: CallerAccess.EVERY_PATIENT_ACCESS; // open mode: no token, and no Spring Security in front
		String id = new IdType(subscription).getIdPart();
		if (id == null || !id.matches("[A-Za-z0-9\\-.]{1,64}")) {
			return false;
		}
		try {
			Subscription stored = (Subscription) daos.getResourceDao("Subscription").read(new IdType("Subscription", id), new SystemRequestDetails());
			return caller.reachesEveryPatient() || (caller.who() != null && OwnedResources.ownersOf(stored).equals(java.util.Set.of(caller.who())));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	private static void refuse(WebSocketSession session) throws IOException {
		session.sendMessage(new TextMessage("error Subscription is not known"));
		session.close(CloseStatus.POLICY_VIOLATION.withReason("Subscription is not known"));
	}
}
