package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A search's paging links ({@code _getpages}) belong to whoever ran the search: the stored result
 * carries that caller's total and was checked against that caller's reach. Another caller gets
 * 410, as for a search that has expired.
 */
@Component
class PagingLinkOwnership implements FhirServerInterceptor {

	private final Cache<String, String> ownerOfSearch =
			Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofHours(2)).build();

	@Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = InterceptorOrder.REMEMBER_SEARCH_OWNER)
	public void rememberWhoSearched(RequestDetails request, ICachedSearchDetails search) {
		String caller = caller();
		if (caller != null && search.getUuid() != null) {
			ownerOfSearch.put(search.getUuid(), caller);
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.ONLY_THE_SEARCHER_PAGES)
	public void onlyTheSearcherPages(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.GET_PAGE) {
			return;
		}
		String[] searchId = request.getParameters().get("_getpages");
		String owner = searchId == null || searchId.length == 0 ? null : ownerOfSearch.getIfPresent(searchId[0]);
		if (owner != null && !owner.equals(caller())) {
			throw new ResourceGoneException("Search ID \"" + searchId[0] + "\" does not exist and may have expired");
		}
	}

	/** The client and the person (if any) of the current token; null in open mode. */
	private static String caller() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
			return token.getToken().getClaimAsString("client_id") + "|" + token.getName();
		}
		return null;
	}
}
