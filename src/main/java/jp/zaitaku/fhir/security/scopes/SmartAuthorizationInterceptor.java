package jp.zaitaku.fhir.security.scopes;

import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import jp.zaitaku.fhir.security.SecurityEnabled;
import ca.uhn.fhir.interceptor.api.Interceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.searchparam.matcher.AuthorizationSearchParamMatcher;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamed;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the SMART scopes of the caller's access token into HAPI authorization rules, so every FHIR
 * interaction (read, search, history, paging, includes, transactions entry by entry, operations) is
 * checked against them; what no scope allows is refused with 403 and an OperationOutcome.
 *
 * <ul>
 *   <li>{@code r} and {@code s}: HAPI's read rule covers read, vread, search, history and paging, so a
 *       scope with only one of the two gets a tester limiting it to reads or to searches;
 *   <li>{@code c}, {@code u}, {@code d}: create, update (and PATCH, whose result the update rule
 *       checks), delete;
 *   <li>{@code patient/} scopes reach only the patient compartment of the token's {@code patient};
 *       without one they grant nothing;
 *   <li>{@code ?param=value}: only resources matching that search.
 * </ul>
 * The Spring Security filter chain has already refused requests without a valid token (401).
 */
@Component
@SecurityEnabled
@Interceptor(order = InterceptorOrder.SCOPE_RULES)
public class SmartAuthorizationInterceptor extends AuthorizationInterceptor implements FhirServerInterceptor {

	private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
			RestOperationTypeEnum.GET_PAGE);

	private final FhirContext fhirContext;
	/** The instance operations features declare, with the scope each needs. */
	private final List<OperationScope> scopedOperations;

	public SmartAuthorizationInterceptor(FhirContext fhirContext, SearchParamMatcher searchParamMatcher,
			List<ScopedOperation> scopedOperations) {
		super(PolicyEnum.DENY);
		this.fhirContext = fhirContext;
		this.scopedOperations = scopedOperations.stream().flatMap(operation -> operation.operationScopes().stream()).toList();
		// Needed to evaluate scopes narrowed by search parameters against each resource.
		setAuthorizationSearchParamMatcher(new AuthorizationSearchParamMatcher(searchParamMatcher));
	}

	/** Limits a read rule to searches ({@code s}) or to reads by id ({@code r}). Not a lambda: the interface has only default methods. */
	private record OperationTester(boolean searchesOnly) implements IAuthRuleTester {
		@Override
		public boolean matches(RuleTestRequest request) {
			return SEARCHES.contains(request.operation) == searchesOnly;
		}

		@Override
		public boolean matchesOutput(RuleTestRequest request) {
			return matches(request);
		}
	}

	private static final IAuthRuleTester NOT_A_CREATE = new IAuthRuleTester() {
		@Override
		public boolean matches(RuleTestRequest request) {
			return request.operation != RestOperationTypeEnum.CREATE;
		}
	};

	/**
	 * The rules of one token depend on nothing but the token (its scopes and patient), so they are
	 * built once per token instead of on every request. The token itself is
	 * checked again on every request (signature, expiry, revocation) before this is reached.
	 */
	private final Cache<String, List<IAuthRule>> rulesByToken =
			Caffeine.newBuilder().maximumSize(2_000).expireAfterAccess(Duration.ofMinutes(10)).build();

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			RuleBuilder rules = new RuleBuilder();
			rules.allow("metadata").metadata();
			return rules.denyAll("no access token").build();
		}
		return rulesByToken.get(token.getToken().getTokenValue(), value -> rulesOf(token.getToken()));
	}

	private List<IAuthRule> rulesOf(Jwt token) {
		RuleBuilder rules = new RuleBuilder();
		rules.allow("metadata").metadata();
		String patient = token.getClaimAsString("patient");
		List<String> granted = TokenScopes.of(token);
		rules.allow("transaction entries by their own rules").transaction().withAnyOperation().andApplyNormalRules();
		// One rule per distinct scope: HAPI merges equal rules, and a tester added to one would apply to both.
		Set<SmartScope> scopes = new LinkedHashSet<>();
		granted.forEach(scope -> SmartScope.parse(scope).filter(this::knownType).ifPresent(scopes::add));
		for (SmartScope scope : scopes) {
			addRules(rules, scope, patient);
		}
		return rules.denyAll("no SMART scope of this token allows it").build();
	}

	/** A scope naming a type this server does not know grants nothing (and must not break the request). */
	private boolean knownType(SmartScope scope) {
		return scope.resourceType().equals("*") || fhirContext.getResourceTypes().contains(scope.resourceType());
	}

	private void addRules(RuleBuilder rules, SmartScope scope, String patient) {
		if (scope.context().equals("patient") && patient == null) {
			return;
		}
		if (scope.context().equals("patient") && !scope.resourceType().equals("*") && !hasPatientCompartment(scope.resourceType())) {
			// A patient-bound token reaches only the patient's compartment, plus reading the directory.
			if (DIRECTORY_TYPES.contains(scope.resourceType()) && (scope.allows('r') || scope.allows('s'))) {
				addDirectoryRead(rules, scope);
			}
			return;
		}
		if (scope.allows('r') || scope.allows('s')) {
			IAuthRuleFinished read = target(rules.allow(scope + " read").read(), scope, patient);
			if (!(scope.allows('r') && scope.allows('s'))) {
				read.withTester(new OperationTester(scope.allows('s')));
			}
		}
		if (scope.allows('c')) {
			target(rules.allow(scope + " create").create(), scope, patient);
		}
		if (scope.allows('u')) {
			target(rules.allow(scope + " update").write(), scope, patient).withTester(NOT_A_CREATE);
			// HAPI's PATCH rule cannot be limited to a type or compartment, and a failing patch's error
			// can quote the stored resource: only a token that may read and update everything may PATCH.
			if (!scope.context().equals("patient") && scope.resourceType().equals("*") && scope.allows('r') && scope.query() == null) {
				rules.allow(scope + " patch").patch().allRequests();
			}
		}
		if (scope.allows('d')) {
			target(rules.allow(scope + " delete").delete(), scope, patient);
		}
		if (scope.context().equals("patient") && scope.resourceType().equals("*") && (scope.allows('r') || scope.allows('s'))) {
			for (String directoryType : DIRECTORY_TYPES) {
				addDirectoryRead(rules, new SmartScope("patient", directoryType, scope.permissions().replaceAll("[cud]", ""), null));
			}
		}
		addOperationRules(rules, scope);
	}

	/** Types outside the Patient compartment a patient-bound token may still read: the team's directory. */
	private static final Set<String> DIRECTORY_TYPES = Set.of(
			"Practitioner", "PractitionerRole", "Organization", "Location", "HealthcareService", "Medication");

	private IAuthRuleFinished target(IAuthRuleBuilderRuleOp operation, SmartScope scope, String patient) {
		boolean anyType = scope.resourceType().equals("*");
		IAuthRuleBuilderRuleOpClassifier target = anyType ? operation.allResources() : operation.resourcesOfType(scope.resourceType());
		if (scope.context().equals("patient")) {
			IdType owner = new IdType("Patient", patient);
			return scope.query() == null
					? target.inCompartment("Patient", owner)
					: target.inCompartmentWithFilter("Patient", owner, scope.query());
		}
		return scope.query() == null ? target.withAnyId() : target.withFilter(scope.query());
	}

	private void addDirectoryRead(RuleBuilder rules, SmartScope scope) {
		IAuthRuleFinished read = rules.allow(scope + " directory read").read().resourcesOfType(scope.resourceType()).withAnyId();
		if (!(scope.allows('r') && scope.allows('s'))) {
			read.withTester(new OperationTester(scope.allows('s')));
		}
	}

	private boolean hasPatientCompartment(String resourceType) {
		return resourceType.equals("Patient")
				|| !fhirContext.getResourceDefinition(resourceType).getSearchParamsForCompartmentName("Patient").isEmpty();
	}

	/**
	 * {@code $validate} for whoever may write the type; {@code $everything} for whoever may read
	 * patients (each resource of its answer still passes the read rules); a feature's operation for the
	 * scope it declares ({@link ScopedOperation}); every other operation, including the administrative
	 * {@code $reindex}, only for {@code system/*.cruds}.
	 */
	private void addOperationRules(RuleBuilder rules, SmartScope scope) {
		boolean anyType = scope.resourceType().equals("*");
		if (scope.allows('c') || scope.allows('u')) {
			onTypes(rules.allow(scope + " $validate").operation().named("$validate"), scope).andAllowAllResponses();
		}
		if ((anyType || scope.resourceType().equals("Patient")) && scope.allows('r')) {
			rules.allow(scope + " $everything").operation().named("$everything")
					.onInstancesOfType(resourceClass("Patient")).andRequireExplicitResponseAuthorization();
		}
		for (OperationScope operation : scopedOperations) {
			if (scope.context().equals(operation.context()) && (anyType || scope.resourceType().equals(operation.resourceType()))
					&& scope.allows(operation.permission()) && !(operation.unrestrictedScopeOnly() && scope.query() != null)) {
				IAuthRuleBuilderOperationNamed named = rules.allow(scope + " " + operation.operation()).operation().named(operation.operation());
				(operation.typeLevel() ? named.onType(resourceClass(operation.resourceType()))
						: named.onInstancesOfType(resourceClass(operation.resourceType()))).andAllowAllResponses();
			}
		}
		if (scope.context().equals("system") && anyType && scope.permissions().equals("cruds") && scope.query() == null) {
			rules.allow(scope + " operations").operation().withAnyName().atAnyLevel().andAllowAllResponses();
		}
	}

	private ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderOperationNamedAndScoped onTypes(
			IAuthRuleBuilderOperationNamed operation, SmartScope scope) {
		return scope.resourceType().equals("*") ? operation.atAnyLevel() : operation.onType(resourceClass(scope.resourceType()));
	}

	private Class<? extends IBaseResource> resourceClass(String resourceType) {
		return fhirContext.getResourceDefinition(resourceType).getImplementingClass();
	}

	@Override
	protected void handleDeny(RequestDetails request, Verdict decision) {
		ForbiddenOperationException denied = new ForbiddenOperationException(
				"Access denied: the SMART scopes of this access token do not allow " + describe(request) + ".");
		denied.addResponseHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
		throw denied;
	}

	private static String describe(RequestDetails request) {
		String target = request.getResourceName() == null ? "the server" : request.getResourceName();
		return (request.getRestOperationType() == null ? "this request" : request.getRestOperationType().getCode()) + " on " + target;
	}
}
