package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A caller's reach kept in the database as one List of Patients, so a search can be narrowed by one
 * value ({@code _has:List:item:_id=…}) instead of one per patient. HAPI builds its SQL by replacing
 * bind placeholders one at a time, re-copying the whole statement each time: with 1,000 patient ids
 * that was half of a narrowed search's allocations and made such searches run at half speed.
 * <p>
 * The List's id is derived from the set of patients it holds ({@code zaitaku-reach-<sha-256>}), so it
 * never goes stale: a different reach is a different List. It is written once, by the server itself
 * (not audited as anyone's request), and tagged as internal; callers limited to their patients never see
 * it (it is about no patient). Lists of reaches that no longer occur stay behind (a few KB each).
 */
@Component
class ReachLists implements FhirServerInterceptor {

	static final String TAG_SYSTEM = HomeCareGuide.ServerTags.SERVER_INTERNAL;
	static final String TAG_CODE = "care-team-reach";
	private static final String ID_PREFIX = "zaitaku-reach-";

	private final DaoRegistry daos;
	/** Lists known to exist: checked or written once per server process. */
	private final Cache<String, Boolean> stored = Caffeine.newBuilder().maximumSize(10_000).build();
	/**
	 * List ids by reach, keyed by the identity of the set (weak keys compare by identity): a caller's
	 * reach is the same cached set from request to request, so its 1,000 ids are sorted and hashed
	 * once, not on every search.
	 */
	private final Cache<Set<String>, String> idsByReach = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

	ReachLists(DaoRegistry daos) {
		this.daos = daos;
	}

	/** The id of the List holding exactly these patients, written first if it does not exist yet. */
	String listOf(Set<String> patientIds) {
		String id = idsByReach.get(patientIds, reach -> ID_PREFIX + digest(reach));
		stored.get(id, key -> ensureStored(key, patientIds));
		return id;
	}

	private boolean ensureStored(String id, Set<String> patientIds) {
		IFhirResourceDao<ListResource> lists = daos.getResourceDao(ListResource.class);
		try {
			ListResource existing = lists.read(new IdType("List", id), new SystemRequestDetails());
			Set<String> held = existing.getEntry().stream().map(entry -> entry.getItem().getReferenceElement())
					.filter(item -> "Patient".equals(item.getResourceType())).map(item -> item.getIdPart()).collect(Collectors.toSet());
			if (!held.equals(patientIds)) {
				// Only the server writes these Lists (see refuseWritesByCallers); trust nothing else.
				throw new IllegalStateException("List/" + id + " does not hold the patients its id stands for");
			}
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException notYet) {
			ListResource list = new ListResource();
			list.setId(id);
			list.setStatus(ListResource.ListStatus.CURRENT);
			list.setMode(ListResource.ListMode.SNAPSHOT);
			list.setTitle("Zaitaku FHIR: the patients of one care-team reach (kept by the server to narrow searches)");
			list.getMeta().addTag(TAG_SYSTEM, TAG_CODE, "server-internal: care-team reach");
			patientIds.stream().sorted().forEach(patient -> list.addEntry().setItem(new Reference("Patient/" + patient)));
			// An update with a client-assigned id: two requests racing to write it store the same content.
			lists.update(list, new SystemRequestDetails());
			return true;
		}
	}

	/**
	 * Nobody but the server writes a reach List: one changed by a caller would widen someone's
	 * narrowing. Creating (also by PUT), changing or deleting a List with such an id is refused.
	 */
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.REACH_LISTS_SERVER_ONLY)
	public void refuseCreateByCallers(IBaseResource resource, RequestDetails request) {
		refuseWritesByCallers(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.REACH_LISTS_SERVER_ONLY)
	public void refuseUpdateByCallers(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		refuseWritesByCallers(oldResource, request);
		refuseWritesByCallers(newResource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = InterceptorOrder.REACH_LISTS_SERVER_ONLY)
	public void refuseDeleteByCallers(IBaseResource resource, RequestDetails request) {
		refuseWritesByCallers(resource, request);
	}

	private static void refuseWritesByCallers(IBaseResource resource, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails || !(resource instanceof ListResource list)) {
			return;
		}
		boolean reachList = list.getIdElement().getIdPart() != null && list.getIdElement().getIdPart().startsWith(ID_PREFIX)
				|| list.getMeta().getTag(TAG_SYSTEM, TAG_CODE) != null;
		if (reachList) {
			throw new ForbiddenOperationException("Access denied: Lists with ids " + ID_PREFIX + "… are written by the server only.");
		}
	}

	private static String digest(Set<String> patientIds) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			patientIds.stream().sorted().forEach(id -> sha256.update((id + ",").getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(sha256.digest()).substring(0, 40);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JVM", e);
		}
	}
}
