package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.data.IResourceTableDao;
import ca.uhn.fhir.jpa.dao.search.ExtendedHSearchClauseBuilder;
import ca.uhn.fhir.jpa.dao.search.SearchScrollQueryExecutorAdaptor;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.model.search.ExtendedHSearchIndexData;
import ca.uhn.fhir.jpa.search.autocomplete.ValueSetAutocompleteOptions;
import ca.uhn.fhir.jpa.search.builder.ISearchQueryExecutor;
import ca.uhn.fhir.jpa.search.builder.SearchQueryExecutors;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.jpa.searchparam.extractor.ResourceIndexedSearchParams;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.IResourcePersistentId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.HasParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.hl7.fhir.r4.model.ListResource;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.lang3.StringUtils;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.dsl.SearchQueryOptionsStep;
import org.hibernate.search.mapper.orm.Search;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * HAPI's full-text search service, with {@code _id}, reference and List-item ({@code _has:List:item:_id},
 * also after a reference: {@code patient:Patient._has:List:item:_id}) conditions of a {@code _content}/
 * {@code _text} search answered inside the Lucene query (from {@link ResourceLinkTerms}).
 *
 * <p>HAPI alone hands Lucene only the text: any other condition makes it scroll through every text
 * hit and intersect them with the database 800 at a time, and its {@code _summary=count}/{@code _total}
 * of such a search ignores the other conditions altogether. A care-team caller's searches always
 * carry one (the narrowing to the caller's patients: {@code patient=Patient/1,…} or, on Patient,
 * {@code _id=…}), so {@code Communication?_content=嚥下} read every hit of every patient on a large
 * server, and its count told about patients the caller may not see. Here such conditions become Lucene filters and are
 * taken out of the search, so HAPI reads only the page it needs and counts only what matches.
 *
 * <p>The text conditions are built by HAPI's own clause builder, as in HAPI's service; this query only
 * scrolls in smaller steps ({@link #SCROLL_CHUNK}). Anything else — other parameters, {@code _sort},
 * {@code $everything}, lastN, chained or modified references — is left exactly as HAPI does it. Every
 * method not about such a search delegates.
 */
@Primary
@Component
public class ReferenceFilteredFullTextSearch implements IFulltextSearchSvc {

	private static final String ID = "_id";
	private static final String HAS = "_has";
	/** {@code _has:List:item:_id=X} (or chained after a reference): "an item of List X". */
	private static final String LIST_ITEM_CHAIN = "_has:List:item:_id";

	/**
	 * Hits fetched per scroll step. HAPI scrolls 800 at a time, and Hibernate Search ranks several
	 * steps' worth of hits at once: a priority queue of thousands (a large share of a care-team caller's
	 * {@code _content} search, in Lucene's {@code PriorityQueue.downHeap}), while the first page of a
	 * search needs 21 hits. Later pages take more steps.
	 */
	private static final int SCROLL_CHUNK = 100;

	private final IFulltextSearchSvc hapi;
	private final ISearchParamRegistry searchParams;
	private final IIdHelperService<JpaPid> ids;
	private final FhirContext fhirContext;
	private final StorageSettings storageSettings;
	private final DaoRegistry daos;
	private final SegmentCachedTermFilters termFilters;
	private final IResourceTableDao resourceTables;
	private final FullTextIndexLag lag;

	@PersistenceContext
	private EntityManager entityManager;

	/**
	 * Database ids of a List version's items of one type ({@code List/7/_history/2|Patient}): a
	 * version's items never change, and a care-team caller's searches all name the same List.
	 */
	private final Cache<String, Set<Long>> listItemPids = Caffeine.newBuilder().maximumSize(500).build();

	public ReferenceFilteredFullTextSearch(@Qualifier("fullTextSearchSvc") IFulltextSearchSvc hapi,
			@Lazy ISearchParamRegistry searchParams, @Lazy IIdHelperService<JpaPid> ids, FhirContext fhirContext,
			StorageSettings storageSettings, @Lazy DaoRegistry daos, SegmentCachedTermFilters termFilters,
			@Lazy IResourceTableDao resourceTables, FullTextIndexLag lag) {
		this.hapi = hapi;
		this.lag = lag;
		this.resourceTables = resourceTables;
		this.termFilters = termFilters;
		this.daos = daos;
		this.searchParams = searchParams;
		this.ids = ids;
		this.fhirContext = fhirContext;
		this.storageSettings = storageSettings;
	}

	@Override
	public ISearchQueryExecutor searchScrolled(String resourceType, SearchParameterMap params, RequestDetails request) {
		refuseWhileBehind(params);
		Plan plan = plan(resourceType, params);
		if (plan == null) {
			return hapi.searchScrolled(resourceType, params, request);
		}
		if (plan.matchesNothing()) {
			return SearchQueryExecutors.from(List.of());
		}
		return new SearchScrollQueryExecutorAdaptor(query(resourceType, plan).scroll(SCROLL_CHUNK));
	}

	/**
	 * The count for {@code _summary=count} and {@code _total}. HAPI counts the text hits only and
	 * would silently ignore every other condition; a wrong number (for a care-team caller, one that
	 * counts other patients' records) is worse than a clear refusal, so the conditions that cannot be
	 * counted in Lucene get a 400.
	 */
	@Override
	public long count(String resourceType, SearchParameterMap params) {
		refuseWhileBehind(params);
		Plan plan = plan(resourceType, params);
		if (plan == null) {
			refuseUncountedConditions(withoutFullText(params));
			return hapi.count(resourceType, params);
		}
		refuseUncountedConditions(params);
		return plan.matchesNothing() ? 0 : query(resourceType, plan).fetchTotalHitCount();
	}

	private static SearchParameterMap withoutFullText(SearchParameterMap params) {
		SearchParameterMap others = params.clone();
		others.remove(Constants.PARAM_CONTENT);
		others.remove(Constants.PARAM_TEXT);
		return others;
	}

	private static void refuseUncountedConditions(SearchParameterMap remaining) {
		if (!remaining.keySet().isEmpty() || remaining.getLastUpdated() != null || remaining.getNearDistanceParam() != null) {
			List<String> names = new ArrayList<>(remaining.keySet());
			if (remaining.getLastUpdated() != null) {
				names.add(Constants.PARAM_LASTUPDATED);
			}
			throw new InvalidRequestException("Counting (_summary=count, _total) a _content/_text search"
					+ " combined with " + String.join(", ", names) + " is not supported: leave out _summary=count/_total,"
					+ " or count without the full-text condition.");
		}
	}

	/**
	 * The full-text search as one Lucene query: its text conditions and the filters for its {@code _id}
	 * and reference conditions, all taken out of {@code params} (what remains, HAPI intersects in the
	 * database as it always does). Also without any filter, so that every full-text search scrolls in
	 * small steps. Null (and {@code params} untouched) for a search HAPI's own service must run.
	 */
	private Plan plan(String resourceType, SearchParameterMap params) {
		boolean fullText = params.containsKey(Constants.PARAM_CONTENT) || params.containsKey(Constants.PARAM_TEXT);
		if (resourceType == null || !fullText || params.getSort() != null || params.getEverythingMode() != null
				|| params.isLastN() || !hasFullTextParameters(resourceType, params)) {
			return null;
		}
		Map<String, List<Filter>> filtersByParameter = new LinkedHashMap<>();
		for (String name : params.keySet()) {
			List<Filter> filters = filters(resourceType, name, params.get(name));
			if (filters != null) {
				filtersByParameter.put(name, filters);
			}
		}
		filtersByParameter.keySet().forEach(params::remove);
		List<Filter> filters = filtersByParameter.values().stream().flatMap(List::stream).toList();
		return new Plan(params.remove(Constants.PARAM_CONTENT), params.remove(Constants.PARAM_TEXT), filters);
	}

	/** HAPI's own service refuses full-text parameters a type does not have: leave those searches to it. */
	private boolean hasFullTextParameters(String resourceType, SearchParameterMap params) {
		for (String name : List.of(Constants.PARAM_CONTENT, Constants.PARAM_TEXT)) {
			if (params.containsKey(name) && !searchParams.hasActiveSearchParam(resourceType, name,
					ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH)) {
				return false;
			}
		}
		return true;
	}

	/** One filter per AND-clause of the parameter, or null when any clause cannot be answered in Lucene. */
	private List<Filter> filters(String resourceType, String name, List<List<IQueryParameterType>> andList) {
		if (HAS.equals(name)) {
			return listItemFilters(resourceType, andList);
		}
		List<String> paths = null;
		if (!ID.equals(name)) {
			RuntimeSearchParam parameter = searchParams.getActiveSearchParam(resourceType, name,
					ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
			if (parameter == null || parameter.getParamType() != RestSearchParameterTypeEnum.REFERENCE) {
				return null;
			}
			paths = parameter.getPathsSplit().stream().filter(path -> path.trim().startsWith(resourceType + ".")).toList();
			if (paths.isEmpty()) {
				return null;
			}
		}
		List<Filter> filters = new ArrayList<>();
		for (List<IQueryParameterType> orList : andList) {
			Set<Long> targetPids = paths == null ? null : listItemTargets(orList);
			if (targetPids == null) {
				List<IIdType> targets = paths == null ? idTargets(resourceType, orList) : referenceTargets(orList);
				if (targets == null) {
					return null;
				}
				targetPids = resolve(targets);
			}
			filters.add(paths == null
					? new Filter(true, targetPids.stream().map(JpaPid::fromId).toList())
					: new Filter(false, referenceTerms(paths, targetPids)));
		}
		return filters;
	}

	/** {@code Patient?_has:List:item:_id=7}: the searched type's items of those Lists, by document id; else null. */
	private List<Filter> listItemFilters(String resourceType, List<List<IQueryParameterType>> andList) {
		List<Filter> filters = new ArrayList<>();
		for (List<IQueryParameterType> orList : andList) {
			Set<Long> pids = new HashSet<>();
			for (IQueryParameterType value : orList) {
				if (!(value instanceof HasParam has) || !"List".equals(has.getTargetResourceType())
						|| !"item".equals(has.getReferenceFieldName()) || !ID.equals(has.getParameterName())
						|| StringUtils.isBlank(has.getParameterValue()) || has.getParameterValue().contains(",")) {
					return null;
				}
				pids.addAll(listItemPids(has.getParameterValue(), resourceType));
			}
			filters.add(new Filter(true, pids.stream().map(JpaPid::fromId).toList()));
		}
		return filters;
	}

	/**
	 * {@code patient:Patient._has:List:item:_id=7}: the referenced type's items of those Lists (a care-team
	 * caller's narrowing by its reach List, access.ReachLists); null for any other form.
	 */
	private Set<Long> listItemTargets(List<IQueryParameterType> orList) {
		Set<Long> pids = new HashSet<>();
		for (IQueryParameterType value : orList) {
			if (!(value instanceof ReferenceParam reference) || !LIST_ITEM_CHAIN.equals(reference.getChain())
					|| StringUtils.isBlank(reference.getResourceType()) || Boolean.TRUE.equals(reference.getMissing())
					|| StringUtils.isBlank(reference.getValue()) || reference.getValue().contains(",")) {
				return null;
			}
			pids.addAll(listItemPids(reference.getValue(), reference.getResourceType()));
		}
		return pids;
	}

	/**
	 * Database ids of the current items of type {@code itemType} of List {@code listId}; none if it
	 * does not exist or is deleted. Only the List's current version number is asked on every search;
	 * the List itself (1,000 entries for a care-team caller) is read once per version.
	 */
	private Set<Long> listItemPids(String listId, String itemType) {
		IIdType list = new IdType("List", listId);
		Long version = currentVersion(list);
		if (version == null) {
			return Set.of(); // HAPI's _has matches nothing for it either
		}
		return listItemPids.get(listId + "/_history/" + version + "|" + itemType,
				key -> itemsOf(list.withVersion(version.toString()), itemType));
	}

	private Long currentVersion(IIdType list) {
		Map<IIdType, IResourceLookup<JpaPid>> found = ids.resolveResourceIdentities(RequestPartitionId.allPartitions(),
				List.of(list), ResolveIdentityMode.includeDeleted().cacheOk());
		return found.isEmpty() ? null : resourceTables.findCurrentVersionByPid(found.values().iterator().next().getPersistentId());
	}

	/** The items of one version of a List; none if that version is its deletion. */
	private Set<Long> itemsOf(IIdType listVersion, String itemType) {
		ListResource list;
		try {
			list = (ListResource) daos.getResourceDao("List").read(listVersion, new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException gone) {
			return Set.of();
		}
		return resolve(list.getEntry().stream()
				.map(entry -> entry.getItem().getReferenceElement())
				.filter(item -> itemType.equals(item.getResourceType()) && item.hasIdPart() && !item.isAbsolute())
				.map(item -> (IIdType) new IdType(itemType, item.getIdPart()))
				.toList());
	}

	/** {@code _id=1,Patient/2}: plain ids of the searched type; null for modifiers or other forms. */
	private static List<IIdType> idTargets(String resourceType, List<IQueryParameterType> orList) {
		List<IIdType> targets = new ArrayList<>();
		for (IQueryParameterType value : orList) {
			if (!(value instanceof TokenParam token) || token.getModifier() != null || StringUtils.isNotBlank(token.getSystem())
					|| StringUtils.isBlank(token.getValue()) || Boolean.TRUE.equals(token.getMissing())) {
				return null;
			}
			IdType id = new IdType(token.getValue());
			if (id.hasVersionIdPart() || (id.hasResourceType() && !resourceType.equals(id.getResourceType()))) {
				return null;
			}
			targets.add(new IdType(resourceType, id.getIdPart()));
		}
		return targets;
	}

	/** {@code patient=Patient/1,Patient/2}: typed references without chain, modifier or version; else null. */
	private static List<IIdType> referenceTargets(List<IQueryParameterType> orList) {
		List<IIdType> targets = new ArrayList<>();
		for (IQueryParameterType value : orList) {
			if (!(value instanceof ReferenceParam reference) || reference.hasChain() || Boolean.TRUE.equals(reference.getMissing())
					|| StringUtils.isNotBlank(reference.getQueryParameterQualifier()) || reference.isMdmExpand()) {
				return null;
			}
			IdType id = new IdType(reference.getValue());
			if (!id.hasResourceType() || !id.hasIdPart() || id.hasVersionIdPart() || id.isAbsolute()) {
				return null;
			}
			targets.add(new IdType(id.getResourceType(), id.getIdPart()));
		}
		return targets;
	}

	/** Database ids of the targets that exist (HAPI's own SQL matches nothing for the others either). */
	private Set<Long> resolve(List<IIdType> targets) {
		Set<Long> pids = new HashSet<>();
		ids.resolveResourceIdentities(RequestPartitionId.allPartitions(), targets,
						ResolveIdentityMode.includeDeleted().cacheOk())
				.values()
				.forEach(lookup -> pids.add(lookup.getPersistentId().getId()));
		return pids;
	}

	private static Set<String> referenceTerms(List<String> paths, Set<Long> targetPids) {
		Set<String> terms = new HashSet<>();
		for (String path : paths) {
			targetPids.forEach(pid -> terms.add(ResourceLinkTerms.term(path, pid)));
		}
		return terms;
	}

	@SuppressWarnings("rawtypes")
	private SearchQueryOptionsStep<?, JpaPid, ?, ?, ?> query(String resourceType, Plan plan) {
		return Search.session(entityManager)
				.search(ResourceTable.class)
				// The document id is the resource's primary key, as in HAPI's own full-text queries.
				.select(f -> f.composite(ref -> JpaPid.fromId(Long.valueOf(ref.id())), f.documentReference()))
				.where(f -> f.bool(clauses -> {
					ExtendedHSearchClauseBuilder text = new ExtendedHSearchClauseBuilder(fhirContext, storageSettings, clauses, f);
					text.addStringTextSearch(Constants.PARAM_CONTENT, plan.content());
					text.addStringTextSearch(Constants.PARAM_TEXT, plan.text());
					text.addResourceTypeClause(resourceType);
					plan.filters().forEach(filter -> filter.addTo(clauses, f, termFilters));
				}));
	}

	/** The text conditions HAPI matches and the filters we add, all ANDed. */
	private record Plan(List<List<IQueryParameterType>> content,
			List<List<IQueryParameterType>> text, List<Filter> filters) {

		boolean matchesNothing() {
			return filters.stream().anyMatch(filter -> filter.anyOf().isEmpty());
		}
	}

	/** The document must have one of the values: as its id ({@code _id}) or among its reference terms. */
	private record Filter(boolean byDocumentId, Collection<?> anyOf) {

		/**
		 * From this many reference terms on (a care-team caller's patients), the filter's matches are
		 * kept per index segment instead of being looked up term by term on every search.
		 */
		private static final int KEPT_FROM_TERMS = 64;

		@SuppressWarnings("unchecked")
		void addTo(BooleanPredicateClausesStep<?> clauses, SearchPredicateFactory f, SegmentCachedTermFilters kept) {
			if (byDocumentId) {
				clauses.filter(f.id().matchingAny(anyOf));
			} else if (anyOf.size() >= KEPT_FROM_TERMS) {
				clauses.filter(f.extension(LuceneExtension.get())
						.fromLuceneQuery(kept.anyOf(ResourceLinkTerms.FIELD, (Set<String>) anyOf)));
			} else {
				clauses.filter(f.terms().field(ResourceLinkTerms.FIELD).matchingAny(anyOf));
			}
		}
	}

	/**
	 * The last guard against answering from an index known to be behind, for searches that did not come
	 * through {@link JapaneseFullTextQueryInterceptor} (entries of a batch, {@code $everything}).
	 */
	private void refuseWhileBehind(SearchParameterMap params) {
		if (params != null && (params.containsKey(Constants.PARAM_CONTENT) || params.containsKey(Constants.PARAM_TEXT))) {
			lag.behindSince().ifPresent(since -> {
				throw new FullTextIndexBehindException(since);
			});
		}
	}

	// Everything else is HAPI's.

	@Override
	public <T extends IResourcePersistentId> List<T> search(String resourceName, SearchParameterMap params, RequestDetails request) {
		refuseWhileBehind(params);
		return hapi.search(resourceName, params, request);
	}

	@Override
	public ISearchQueryExecutor searchNotScrolled(String resourceName, SearchParameterMap params, Integer maxResults,
			RequestDetails request) {
		refuseWhileBehind(params);
		return hapi.searchNotScrolled(resourceName, params, maxResults, request);
	}

	@Override
	public IBaseResource tokenAutocompleteValueSetSearch(ValueSetAutocompleteOptions options) {
		return hapi.tokenAutocompleteValueSetSearch(options);
	}

	@Override
	public <T extends IResourcePersistentId> List<T> everything(String resourceName, SearchParameterMap params,
			T referencingPid, RequestDetails request) {
		refuseWhileBehind(params);
		return hapi.everything(resourceName, params, referencingPid, request);
	}

	@Override
	public boolean isDisabled() {
		return hapi.isDisabled();
	}

	@Override
	public ExtendedHSearchIndexData extractLuceneIndexData(IBaseResource resource, ResourceTable entity,
			ResourceIndexedSearchParams newParams) {
		return hapi.extractLuceneIndexData(resource, entity, newParams);
	}

	@Override
	public boolean canUseHibernateSearch(String resourceType, SearchParameterMap params) {
		return hapi.canUseHibernateSearch(resourceType, params);
	}

	@Override
	public void reindex(ResourceTable entity) {
		hapi.reindex(entity);
	}

	@Override
	public List<IResourcePersistentId> lastN(SearchParameterMap params, Integer maximumResults) {
		return hapi.lastN(params, maximumResults);
	}

	@Override
	public List<IBaseResource> getResources(Collection<Long> pids) {
		return hapi.getResources(pids);
	}

	@Override
	public List<IBaseResource> searchForResources(String resourceType, SearchParameterMap params, RequestDetails request) {
		refuseWhileBehind(params);
		return hapi.searchForResources(resourceType, params, request);
	}

	@Override
	public boolean supportsAllOf(SearchParameterMap params) {
		return hapi.supportsAllOf(params);
	}

	@SuppressWarnings("rawtypes")
	@Override
	public void deleteIndexedDocumentsByTypeAndId(Class type, List<Object> givenIds) {
		hapi.deleteIndexedDocumentsByTypeAndId(type, givenIds);
	}

	@Override
	public boolean supportsAllSortTerms(String resourceName, SearchParameterMap params) {
		return hapi.supportsAllSortTerms(resourceName, params);
	}
}
