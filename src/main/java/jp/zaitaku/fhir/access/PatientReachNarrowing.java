package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import ca.uhn.fhir.util.bundle.ModifiableBundleEntryParts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Narrows every search of a caller who does not reach every patient to the compartments of the
 * patients they reach, so {@code GET /Observation} answers with their patients' Observations (and
 * {@code _summary=count}, {@code _total}, {@code _has}, chains and {@code _content} count only
 * those) instead of a refusal. Conditional URLs (If-None-Exist, conditional update and delete) and
 * the searches inside transactions and batches are narrowed too, so a condition cannot find a hidden
 * resource. Task searches are narrowed by their patient (R4 leaves Task out of the compartment), and a
 * family member's message searches to the family's message categories.
 */
@Component
class PatientReachNarrowing extends SearchNarrowingInterceptor implements FhirServerInterceptor {

	/**
	 * Narrows to a patient that cannot exist: server ids start at 1 and client-assigned ids may not
	 * be purely numeric, so a caller who reaches no patient finds nothing.
	 */
	private static final String NO_PATIENT = "Patient/0";

	private static final String AUDIT_EVENT = "AuditEvent";

	private static final String BY_LIST = PatientReachNarrowing.class.getName() + ".byList";
	private static final String LIST_CONDITION = "_has:List:item:_id";
	private static final String ADDED_PARAMETER = PatientReachNarrowing.class.getName() + ".added";
	private static final Logger log = LoggerFactory.getLogger(PatientReachNarrowing.class);

	private final CallerAccesses accesses;
	private final AccessProperties properties;
	private final ReachLists reachLists;
	private final FhirContext fhirContext;
	private final ReachRules rules;

	PatientReachNarrowing(CallerAccesses accesses, AccessProperties properties, ReachLists reachLists, FhirContext fhirContext,
			ReachRules rules) {
		this.accesses = accesses;
		this.rules = rules;
		this.properties = properties;
		this.reachLists = reachLists;
		this.fhirContext = fhirContext;
		setNarrowConditionalUrls(true);
	}

	@Override
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.NARROW_SEARCHES_TO_REACH)
	public void hookIncomingRequestPostProcessed(RequestDetails request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) throws AuthenticationException {
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM) {
			return; // cannot be narrowed; PatientReachRequestGuard refuses it for callers who would need it
		}
		String list = reachListFor(request);
		if (list != null) {
			request.getUserData().put(BY_LIST, Boolean.TRUE); // buildAuthorizedList: no per-patient narrowing
		}
		super.hookIncomingRequestPostProcessed(request, servletRequest, servletResponse);
		CallerAccess access = accesses.of(request);
		if (access.reachesEveryPatient() || request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
			return;
		}
		if (list != null) {
			String type = request.getResourceName();
			refuseNamedPatientsOutOfReach(request, access, type);
			String parameter = type.equals("Patient") ? LIST_CONDITION : compartmentParameter(type) + ":Patient." + LIST_CONDITION;
			if (request.getParameters().containsKey(parameter)) {
				// The guard does not judge the condition the narrowing adds; a caller's own would go unjudged.
				throw PatientReachRequestGuard.forbidden("the condition " + parameter + " is reserved to the server");
			}
			addCondition(request, parameter, list);
			request.getUserData().put(ADDED_PARAMETER, parameter);
		}
		String patientParameter = request.getResourceName() == null ? null : rules.of(request.getResourceName()).patientSearchParameter();
		if (patientParameter != null) {
			String patients = access.readablePatientIds().isEmpty() ? NO_PATIENT
					: access.readablePatientIds().stream().sorted().map(id -> "Patient/" + id).collect(Collectors.joining(","));
			addCondition(request, patientParameter, patients);
		}
		if (request.getResourceName() != null && rules.of(request.getResourceName()).reach() == ReachRule.Reach.OWNED) {
			addCondition(request, "_tag", HomeCareGuide.ServerTags.OWNER + "|" + (access.who() == null ? "-" : access.who()));
		}
		if (access.kind() == CallerAccess.Kind.FAMILY && "Communication".equals(request.getResourceName())) {
			// Never empty: FamilyView takes Communication out of reach when no category is given to family.
			addCondition(request, "category", FamilyView.of(access, properties).messageCategories().stream().sorted()
					.map(code -> HomeCareGuide.MessageCategory.SYSTEM + "|" + code).collect(Collectors.joining(",")));
		}
	}

	/**
	 * HAPI's narrowing of bundle entries turns every GET entry into a search of the caller's patients,
	 * reads included: {@code GET Patient/123} would answer with a page of all of them. Entries about
	 * one instance keep their URL: PatientReachRequestGuard and PatientReachFilter decide about the
	 * instance itself, and searches are narrowed as before.
	 */
	@Override
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.NARROW_BUNDLE_ENTRIES_TO_REACH)
	public void hookIncomingRequestPreHandled(ServletRequestDetails request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) throws AuthenticationException {
		if (!(request.getResource() instanceof IBaseBundle bundle) || accesses.of(request).reachesEveryPatient()) {
			// Nothing to keep: HAPI narrows nothing for a caller who reaches every patient (no authorized list).
			super.hookIncomingRequestPreHandled(request, servletRequest, servletResponse);
			return;
		}
		FhirContext context = request.getFhirContext();
		List<String> urlsBefore = BundleUtil.toListOfEntries(context, bundle).stream().map(BundleEntryParts::getUrl).toList();
		List<ModifiableBundleEntryParts> entries = BundleUtil.toListOfEntriesModifiable(context, bundle);
		for (ModifiableBundleEntryParts entry : entries) {
			if (changesTheAuditTrail(entry)) {
				// Not narrowed (a condition naming another patient would be 403): AuditEventsReadOnly answers it 405, as alone.
				entry.setRequestUrl(AUDIT_EVENT);
			}
		}
		super.hookIncomingRequestPreHandled(request, servletRequest, servletResponse);
		for (int i = 0; i < entries.size() && i < urlsBefore.size(); i++) {
			if ((entries.get(i).getMethod() == RequestTypeEnum.GET && isAboutOneInstance(urlsBefore.get(i)))
					|| changesTheAuditTrail(entries.get(i))) {
				entries.get(i).setRequestUrl(urlsBefore.get(i));
			}
		}
	}

	private static boolean changesTheAuditTrail(ModifiableBundleEntryParts entry) {
		String url = entry.getUrl() == null ? "" : entry.getUrl().replaceAll("^/+", "");
		return entry.getMethod() != null && entry.getMethod() != RequestTypeEnum.GET && !url.startsWith(AUDIT_EVENT + "/_search")
				&& (url.equals(AUDIT_EVENT) || url.startsWith(AUDIT_EVENT + "?") || url.startsWith(AUDIT_EVENT + "/"));
	}

	/** {@code Type/id}, {@code Type/id/_history[/version]}, {@code Type/id/$operation}. */
	private static boolean isAboutOneInstance(String url) {
		if (url == null) {
			return false;
		}
		String[] path = url.replaceAll("\\?.*", "").split("/");
		return path.length >= 2 && !path[1].isEmpty() && !path[1].startsWith("_") && !path[1].startsWith("$");
	}

	/**
	 * The List holding the caller's patients, for a search of patient data by a caller who reaches
	 * many ({@link ReachLists}); null where the narrowing stays per patient: few patients, Task (outside
	 * the compartment), the audit trail (its own provider narrows in SQL), and when the List cannot be
	 * written (e.g. a team names a deleted patient). Full-text searches take the List too: the
	 * full-text service turns it back into a Lucene filter of the List's patients
	 * (storage.ReferenceFilteredFullTextSearch), kept per List version.
	 */
	private String reachListFor(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || request.getResourceName() == null) {
			return null;
		}
		CallerAccess access = accesses.of(request);
		String type = request.getResourceName();
		Set<String> patients = access.readablePatientIds();
		if (access.reachesEveryPatient() || patients.size() < properties.reachListThreshold() || AUDIT_EVENT.equals(type)
				|| !(type.equals("Patient") || compartmentParameter(type) != null)) {
			return null;
		}
		try {
			return reachLists.listOf(patients);
		} catch (RuntimeException cannotWrite) {
			log.warn("narrowing by patient ids: the reach List could not be written ({})", cannotWrite.getMessage());
			return null;
		}
	}

	/**
	 * As HAPI's narrowing does for the parameter it narrows: a search that names patients there
	 * ({@code Observation?patient=Patient/9}, {@code Patient?_id=9}), none of them reached, is refused
	 * (403) rather than answered empty — the same answer whether or not the patient exists.
	 */
	private void refuseNamedPatientsOutOfReach(RequestDetails request, CallerAccess access, String type) {
		refuseNamedPatientsOutOfReach(request.getParameters(), access, type);
	}

	/** The same check for a search made on the caller's behalf later (a Subscription's criteria). */
	void refuseNamedPatientsOutOfReach(Map<String, String[]> parameters, CallerAccess access, String type) {
		if (!type.equals("Patient") && compartmentParameter(type) == null) {
			return;
		}
		for (String name : namedPatientParameters(type)) {
			String[] values = parameters.get(name);
			if (values == null) {
				continue;
			}
			boolean anyReached = Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(",")))
					.map(value -> value.substring(value.lastIndexOf('/') + 1)).anyMatch(access::mayAccessPatient);
			if (!anyReached) {
				throw new ForbiddenOperationException("HAPI-2026: Value not permitted for parameter " + name);
			}
		}
	}

	/** {@code _id} for Patient; else the compartment parameter HAPI narrows by and those on the same element. */
	private List<String> namedPatientParameters(String type) {
		if (type.equals("Patient")) {
			return List.of("_id");
		}
		String primary = compartmentParameter(type);
		RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
		String element = elementOf(definition.getSearchParam(primary).getPath());
		return definition.getSearchParamsForCompartmentName("Patient").stream()
				.filter(parameter -> parameter.getName().equals(primary) || elementOf(parameter.getPath()).equals(element))
				.map(RuntimeSearchParam::getName).toList();
	}

	private static String elementOf(String path) {
		return path == null ? "" : path.replace(".where(resolve() is Patient)", "").trim();
	}

	/** The parameter HAPI's narrowing uses for a type in the Patient compartment: {@code patient}, else the first. */
	private String compartmentParameter(String type) {
		if (!fhirContext.getResourceTypes().contains(type)) {
			return null;
		}
		List<RuntimeSearchParam> inCompartment = fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient");
		if (inCompartment.isEmpty()) {
			return null;
		}
		return inCompartment.stream().map(RuntimeSearchParam::getName).filter("patient"::equals).findFirst()
				.orElse(inCompartment.get(0).getName());
	}

	/** The parameter this narrowing added to a search, if any; PatientReachRequestGuard does not judge it as the caller's. */
	static String addedParameter(RequestDetails request) {
		return (String) request.getUserData().get(ADDED_PARAMETER);
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		if (Boolean.TRUE.equals(request.getUserData().get(BY_LIST))) {
			return null;
		}
		CallerAccess access = accesses.of(request);
		// The audit trail is not in HAPI's tables: its provider limits every search to the caller's patients itself.
		if (access.reachesEveryPatient() || AUDIT_EVENT.equals(request.getResourceName())) {
			return null;
		}
		AuthorizedList reach = new AuthorizedList();
		if (access.readablePatientIds().isEmpty()) {
			return reach.addCompartment(NO_PATIENT);
		}
		access.readablePatientIds().stream().sorted().forEach(id -> reach.addCompartment("Patient/" + id));
		return reach;
	}

	/** Adds a search condition, ANDed with whatever the caller asked. */
	private static void addCondition(RequestDetails request, String parameter, String anyOf) {
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		String[] existing = parameters.getOrDefault(parameter, new String[0]);
		String[] combined = Arrays.copyOf(existing, existing.length + 1);
		combined[existing.length] = anyOf;
		parameters.put(parameter, combined);
		request.setParameters(parameters);
	}
}
