package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.PatientReachRequestGuard;
import jp.zaitaku.fhir.security.scopes.SmartScope;
import jp.zaitaku.fhir.security.scopes.TokenScopes;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * What a Subscription may ask for, checked when it is written (created or updated, also in a bundle):
 * <ul>
 *   <li>the channel is {@code rest-hook} or {@code websocket} (422 for the others, which this server
 *       does not deliver; HAPI would leave them {@code requested} for ever);
 *   <li>a rest-hook endpoint is on the public internet ({@link PublicEndpoints}; 422), unless
 *       {@code zaitaku.messaging.allow-private-endpoints} is set;
 *   <li>the token's scopes may read the type its criteria watch (403): a subscription delivers that
 *       type's resources;
 *   <li>for a caller limited to their patients, the criteria are a search they could make themselves:
 *       a type they reach, no condition that tests another patient's records (403).
 * </ul>
 * A Subscription set to {@code off} or {@code error} is not checked: it delivers nothing.
 */
@Component
class SubscriptionChannelGuard implements FhirServerInterceptor {

	private final boolean allowPrivateEndpoints;
	private final CallerAccesses accesses;
	private final PatientReachRequestGuard searches;

	SubscriptionChannelGuard(MessagingProperties properties, CallerAccesses accesses, PatientReachRequestGuard searches) {
		this.allowPrivateEndpoints = properties.allowPrivateEndpoints();
		this.accesses = accesses;
		this.searches = searches;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.CHECK_SUBSCRIPTION_CHANNEL)
	public void created(IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.CHECK_SUBSCRIPTION_CHANNEL)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		check(newResource, request);
	}

	private void check(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Subscription subscription) || subscription.getStatus() == Subscription.SubscriptionStatus.OFF
				|| subscription.getStatus() == Subscription.SubscriptionStatus.ERROR) {
			return;
		}
		Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
		if (channel.getType() != Subscription.SubscriptionChannelType.RESTHOOK && channel.getType() != Subscription.SubscriptionChannelType.WEBSOCKET) {
			throw new UnprocessableEntityException("Subscription.channel.type " + (channel.hasType() ? channel.getType().toCode() : "(none)")
					+ " is not delivered by this server; use rest-hook or websocket.");
		}
		if (channel.getType() == Subscription.SubscriptionChannelType.RESTHOOK && !allowPrivateEndpoints) {
			PublicEndpoints.refusal(channel.getEndpoint()).ifPresent(why -> {
				throw new UnprocessableEntityException("Subscription.channel.endpoint is refused: " + why + ".");
			});
		}
		String watched = typeOf(subscription.getCriteria());
		if (watched == null) {
			return; // HAPI's own validation refuses a malformed criteria
		}
		if (!scopesRead(watched)) {
			throw new ForbiddenOperationException("The SMART scopes of this access token do not read " + watched
					+ ", so it may not subscribe to " + watched + " resources.");
		}
		searches.checkSearchOnBehalfOf(accesses.of(request), watched, conditionsOf(subscription.getCriteria()));
	}

	private static Map<String, List<String>> conditionsOf(String criteria) {
		String[] parts = criteria.strip().split("\\?", 2);
		Map<String, List<String>> conditions = new HashMap<>();
		if (parts.length == 2) {
			UrlUtil.parseQueryString(parts[1]).forEach((name, values) -> conditions.put(name, List.of(values)));
		}
		return conditions;
	}

	/** {@code Communication} of {@code Communication?subject=Patient/1}; null for a malformed criteria (HAPI refuses it). */
	private static String typeOf(String criteria) {
		if (criteria == null || criteria.isBlank()) {
			return null;
		}
		String type = criteria.strip().split("\\?", 2)[0];
		return type.matches("[A-Z][A-Za-z]+") ? type : null;
	}

	/** Whether the token's scopes read the type; in open mode there is no token and everything is read. */
	private static boolean scopesRead(String type) {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
			return true;
		}
		List<String> scopes = TokenScopes.of(token.getToken());
		return scopes.stream().map(SmartScope::parse).flatMap(java.util.Optional::stream)
				.anyMatch(scope -> (scope.resourceType().equals("*") || scope.resourceType().equals(type)) && scope.allows('r'));
	}
}
