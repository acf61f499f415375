package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.server.InterceptorOrder;
import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Refuses, before any work is done, what a caller who does not reach every patient may not ask:
 * <ul>
 *   <li>requests that cannot be limited to their patients: system-wide search and history, the
 *       history of a whole type of patient data, type- and server-level operations other than
 *       {@code $validate}, search conditions that could test records they do not reach (403);
 *   <li>types outside their reach (403; 404 for an instance);
 *   <li>changing, patching, deleting, or running an operation on an instance they do not reach,
 *       directly or as a transaction entry: 404, exactly as for a resource that does not exist, and
 *       before a patch could quote any of it.
 * </ul>
 */
@Component
public class PatientReachRequestGuard implements FhirServerInterceptor {

	private static final Set<RestOperationTypeEnum> INSTANCE_CHANGES = EnumSet.of(RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
			RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.META, RestOperationTypeEnum.META_ADD,
			RestOperationTypeEnum.META_DELETE);
	private static final Set<String> TYPE_LEVEL_OPERATIONS_ALLOWED = Set.of("$validate");
	/** Features' type-level operations, which answer within the caller's reach by themselves. */
	private final Set<String> operationsWithinReach;

	private final CallerAccesses accesses;
	private final PatientReach reach;
	private final DaoRegistry daos;
	private final FhirContext fhirContext;
	private final ChainedSearchReach chains;
	private final ReverseChainReach reverseChains;
	private final LastStoredContent storedHistory;
	private final PatientReachNarrowing narrowing;

	PatientReachRequestGuard(CallerAccesses accesses, PatientReach reach, DaoRegistry daos, FhirContext fhirContext,
			ChainedSearchReach chains, ReverseChainReach reverseChains, LastStoredContent storedHistory,
			List<ScopedOperation> featureOperations, PatientReachNarrowing narrowing) {
		this.narrowing = narrowing;
		this.operationsWithinReach = featureOperations.stream().flatMap(operation -> operation.operationScopes().stream())
				.filter(OperationScope::typeLevel)
				.map(scope -> scope.resourceType() + "/" + scope.operation())
				.collect(Collectors.toUnmodifiableSet());
		this.reverseChains = reverseChains;
		this.storedHistory = storedHistory;
		this.accesses = accesses;
		this.reach = reach;
		this.daos = daos;
		this.fhirContext = fhirContext;
		this.chains = chains;
	}

	/**
	 * A search across every type ({@code GET /fhir?_type=…}): HAPI has no method for it and would
	 * answer 400 "this is the base URL". For a caller limited to their patients it is refused like a
	 * history of the whole server (403); for everyone else the 400 says what to do instead.
	 */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED, order = InterceptorOrder.REFUSE_WHOLE_SERVER_SEARCH)
	public void refuseSearchAcrossTypes(RequestDetails request) {
		boolean baseUrlWithParameters = request.getRequestType() == RequestTypeEnum.GET && request.getResourceName() == null
				&& request.getOperation() == null && (request.getRequestPath() == null || request.getRequestPath().isEmpty())
				&& !request.getParameters().isEmpty() && !request.getParameters().containsKey("_getpages");
		if (!baseUrlWithParameters) {
			return;
		}
		if (!accesses.of(request).reachesEveryPatient()) {
			throw forbidden("a search of the whole server cannot be limited to the patients you may see; search one resource type");
		}
		throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
				"A search across resource types (GET [base]?_type=…) is not supported; search one type (GET [base]/Observation?…).");
	}

	/** Before the search narrowing, which rewrites the bundle's read entries into searches. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.REFUSE_WHAT_IS_NOT_REACHED)
	public void refuseWhatCannotBeReached(RequestDetails request, RestOperationTypeEnum operation) {
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || operation == null || operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		String type = request.getResourceName();
		switch (operation) {
			case SEARCH_SYSTEM, HISTORY_SYSTEM -> throw forbidden("a search or history of the whole server cannot be limited to the patients you may see; search one resource type");
			case EXTENDED_OPERATION_SERVER -> throw forbidden("server-level operations are not open to callers limited to their patients");
			case TRANSACTION, BATCH -> checkEntries(access, (IBaseBundle) request.getResource());
			default -> {}
		}
		if (type == null) {
			return;
		}
		boolean instance = request.getId() != null && request.getId().hasIdPart();
		if (!reach.mayReachType(access, type)) {
			if (instance) {
				throw notFound(type, request.getId().getIdPart());
			}
			throw forbidden(type + " is not within your reach");
		}
		if (operation == RestOperationTypeEnum.HISTORY_TYPE && reach.isPatientData(type)) {
			throw forbidden("the history of all " + type + " resources cannot be limited to the patients you may see; ask for one resource's history");
		}
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE && !allowedOnType(type, request.getOperation())) {
			throw forbidden(request.getOperation() + " on all " + type + " resources is not open to callers limited to their patients");
		}
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
			// What the narrowing itself added (the List of the caller's patients) is not the caller's own condition.
			Map<String, List<String>> asked = new HashMap<>();
			request.getParameters().forEach((name, values) -> asked.put(name, List.of(values)));
			asked.remove(PatientReachNarrowing.addedParameter(request));
			checkSearch(access, type, asked, false);
		}
		if (isConditional(request, operation, instance)) {
			checkConditional(type);
		}
		if (request.getResource() != null) {
			reach.refuseSearchReferences(request.getResource());
		}
		if (instance && BreakTheGlassProvider.OPERATION.equals(request.getOperation())) {
			return; // opening a record one does not reach is its very purpose
		}
		if (instance && INSTANCE_CHANGES.contains(operation)) {
			requireReached(access, type, request.getId().getIdPart());
		}
	}

	/** {@code $validate}, and the features' type-level operations that answer within the caller's reach. */
	private boolean allowedOnType(String type, String operation) {
		return TYPE_LEVEL_OPERATIONS_ALLOWED.contains(operation) || operationsWithinReach.contains(type + "/" + operation);
	}

	private static boolean isConditional(RequestDetails request, RestOperationTypeEnum operation, boolean instance) {
		return (operation == RestOperationTypeEnum.CREATE && request.getHeader("If-None-Exist") != null)
				|| (!instance && EnumSet.of(RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.DELETE, RestOperationTypeEnum.PATCH).contains(operation));
	}

	/**
	 * The conditions of something that searches on the caller's behalf later (a Subscription's
	 * criteria), judged as the same search by the caller now: a type they reach, and no condition that
	 * tests another patient's records (403).
	 */
	public void checkSearchOnBehalfOf(CallerAccess access, String type, Map<String, List<String>> parameters) {
		if (access.reachesEveryPatient()) {
			return;
		}
		if (!reach.mayReachType(access, type)) {
			throw forbidden(type + " is not within your reach");
		}
		checkSearch(access, type, parameters, false);
		Map<String, String[]> asArrays = new HashMap<>();
		parameters.forEach((name, values) -> asArrays.put(name, values.toArray(String[]::new)));
		narrowing.refuseNamedPatientsOutOfReach(asArrays, access, type);
	}

	/**
	 * A search the narrowing can limit, whose conditions test no record the caller does not reach:
	 * patient data in the compartment (and, outside bundles, Task) and the shared directory. Not:
	 * Binary, whose counts the narrowing cannot limit; for family members, any {@code _has} or chain,
	 * which would reach into types they may not read; for others, reverse chains and chains (in a
	 * condition or a {@code _sort}) that could test another patient's record ({@link ReverseChainReach},
	 * {@link ChainedSearchReach}), and {@code _list} of a List they may not read.
	 */
	private void checkSearch(CallerAccess access, String type, Map<String, List<String>> parameters, boolean inBundle) {
		ReachRule rule = reach.ruleOf(type);
		if (rule.reach() == ReachRule.Reach.ATTACHMENT || (inBundle && rule.isOutsideCompartment())) {
			throw forbidden("a search of " + type + (inBundle ? " in a bundle" : "") + " cannot be limited to the patients you may see");
		}
		if (inBundle && access.kind() == CallerAccess.Kind.FAMILY && type.equals("Communication")) {
			throw forbidden("a family member searches team messages directly, not in a bundle");
		}
		Set<String> names = parameters.keySet();
		if (access.kind() == CallerAccess.Kind.FAMILY
				&& names.stream().anyMatch(name -> name.startsWith("_has") || name.contains("."))) {
			throw forbidden("a family member's search may not reach into other resources (_has, chained parameters)");
		}
		names.stream().filter(name -> name.startsWith("_has")).forEach(name -> reverseChains.check(type, name));
		names.stream().filter(name -> name.contains(".") && !name.startsWith("_has")).forEach(name -> chains.check(type, name));
		valuesOf(parameters, "_sort").map(sort -> sort.startsWith("-") ? sort.substring(1) : sort)
				.filter(sort -> sort.contains(".")).forEach(sort -> chains.check(type, sort));
		valuesOf(parameters, "_list").forEach(list -> requireReadableList(access, list));
	}

	/** The comma-separated values of a search parameter, every time it is given. */
	private static java.util.stream.Stream<String> valuesOf(Map<String, List<String>> parameters, String name) {
		return parameters.getOrDefault(name, List.of()).stream().flatMap(value -> Arrays.stream(value.split(",")))
				.map(String::trim).filter(value -> !value.isEmpty());
	}

	/**
	 * {@code _list} tests the items of a List: of a List the caller may read only. The same 403 for a
	 * List of another patient and one that does not exist.
	 */
	private void requireReadableList(CallerAccess access, String list) {
		String id = list.substring(list.lastIndexOf('/') + 1);
		try {
			if (!id.isEmpty() && !id.startsWith("$")
					&& reach.mayRead(access, daos.getResourceDao("List").read(new IdType("List", id), new SystemRequestDetails()))) {
				return;
			}
		} catch (ResourceNotFoundException | ResourceGoneException | ca.uhn.fhir.rest.server.exceptions.InvalidRequestException e) {
			// answered below, as for a hidden List
		}
		throw forbidden("_list may name only a List you may read");
	}

	/**
	 * Conditional writes only where the condition is narrowed to the caller's patients (patient data in
	 * the compartment) or finds nothing private (the directory).
	 */
	private void checkConditional(String type) {
		ReachRule rule = reach.ruleOf(type);
		boolean narrowed = rule.isPatientData() && !rule.isOutsideCompartment();
		if (!narrowed && !rule.isShared()) {
			throw forbidden("conditional writes of " + type + " cannot be limited to the patients you may see");
		}
	}

	/**
	 * Transaction and batch entries, by their URL and body: the same rules as for a direct request,
	 * checked before HAPI's narrowing rewrites the read entries into searches.
	 */
	private void checkEntries(CallerAccess access, IBaseBundle bundle) {
		if (bundle == null) {
			return;
		}
		boolean batch = "batch".equals(BundleUtil.getBundleType(fhirContext, bundle));
		for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhirContext, bundle)) {
			if (entry.getResource() != null && !(entry.getResource() instanceof IBaseBundle)) {
				reach.refuseSearchReferences(entry.getResource());
			}
			String url = entry.getUrl() == null ? "" : entry.getUrl();
			String[] path = url.replaceAll("\\?.*", "").split("/");
			if (entry.getRequestType() == RequestTypeEnum.POST) {
				if (entry.getConditionalUrl() != null) {
					// HAPI creates the entry's resource whatever the URL says, and narrows the condition by the URL's type.
					String resourceType = entry.getResource() == null ? null : fhirContext.getResourceType(entry.getResource());
					if (resourceType == null || !resourceType.equals(path[0])) {
						throw forbidden("a conditional create's URL must name the type of its resource");
					}
					checkConditional(resourceType);
				}
				continue;
			}
			if (url.isEmpty()) {
				continue;
			}
			if (path[0].startsWith("_") || path[0].startsWith("$") || path[0].isEmpty()) {
				throw forbidden("server-level requests in a bundle cannot be limited to the patients you may see");
			}
			String type = path[0];
			if (!fhirContext.getResourceTypes().contains(type)) {
				continue; // HAPI answers the entry as an unknown type
			}
			if (type.equals("AuditEvent") && entry.getRequestType() != RequestTypeEnum.GET) {
				continue; // AuditEventsReadOnly answers it 405, as the plain request
			}
			if (path.length == 1) {
				if (!reach.mayReachType(access, type)) {
					throw forbidden(type + " is not within your reach");
				}
				if (entry.getRequestType() == RequestTypeEnum.GET) {
					checkSearch(access, type, parameters(url), true);
				} else {
					checkConditional(type);
				}
				continue;
			}
			boolean typeLevel = path[1].startsWith("_") || path[1].startsWith("$");
			if (typeLevel) {
				if (reach.isPatientData(type) && !allowedOnType(type, path[1])) {
					throw forbidden(path[1] + " on all " + type + " resources cannot be limited to the patients you may see");
				}
				if (path[1].equals("_search")) {
					checkSearch(access, type, parameters(url), true);
				}
				continue;
			}
			if (batch && isRead(entry.getRequestType(), path)) {
				// Entries of a batch stand alone: PatientReachFilter answers this one 404 if it is hidden.
				continue;
			}
			if (!reach.mayReachType(access, type)) {
				throw notFound(type, path[1]);
			}
			requireReached(access, type, path[1]);
		}
	}

	/** {@code GET Type/id} or {@code GET Type/id/_history/version}: a read the storage filter can answer 404. */
	private static boolean isRead(RequestTypeEnum method, String[] path) {
		return method == RequestTypeEnum.GET && (path.length == 2 || (path.length == 4 && path[2].equals("_history")));
	}

	/** The search parameters of an entry's URL, decoded. */
	private static Map<String, List<String>> parameters(String url) {
		int query = url.indexOf('?');
		Map<String, List<String>> parameters = new HashMap<>();
		if (query < 0) {
			return parameters;
		}
		for (String pair : url.substring(query + 1).split("&")) {
			String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
			String value = pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "";
			parameters.computeIfAbsent(decode(name), key -> new ArrayList<>()).add(decode(value));
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
		} catch (IllegalArgumentException malformed) {
			return text; // HAPI refuses the entry's malformed URL itself
		}
	}

	/**
	 * 404 for an instance the caller does not reach — and the same 404, before anything else is
	 * checked, for one that does not exist: a PUT to a new id (update as create) included, or its
	 * answer would tell the two apart. A deleted instance is judged by its last content.
	 */
	private void requireReached(CallerAccess access, String type, String id) {
		if (type.equals("Patient")) {
			if (!access.mayAccessPatient(id)) {
				throw notFound(type, id);
			}
			return;
		}
		IBaseResource last = storedHistory.lastContent(type, id);
		if (last == null || !reach.mayRead(access, last)) {
			throw notFound(type, id);
		}
	}

	static ResourceNotFoundException notFound(String type, String id) {
		return new ResourceNotFoundException("Resource " + type + "/" + id + " is not known");
	}

	static ForbiddenOperationException forbidden(String why) {
		return new ForbiddenOperationException("Access denied: " + why + ".");
	}
}
