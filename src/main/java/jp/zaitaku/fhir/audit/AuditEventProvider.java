package jp.zaitaku.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import jp.zaitaku.fhir.access.CallerAccess;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import jp.zaitaku.fhir.server.FhirServerProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/AuditEvent}, served from the audit trail's table and read-only: read by id and search
 * by patient, agent, date, outcome and purpose, newest first, limited to what the caller may see.
 * It replaces HAPI's JPA provider for the type, so nothing can write or delete an event through the API.
 */
@Component
public class AuditEventProvider implements IResourceProvider, FhirOperationProvider {

	private final AuditTrail trail;
	private final CallerAccesses callerAccesses;
	private final FhirContext fhirContext;
	private final FhirServerProperties server;

	AuditEventProvider(AuditTrail trail, CallerAccesses callerAccesses, FhirContext fhirContext, FhirServerProperties server) {
		this.trail = trail;
		this.callerAccesses = callerAccesses;
		this.fhirContext = fhirContext;
		this.server = server;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id, RequestDetails request) {
		// What the caller may not see does not exist for them: 404, not 403.
		return trail.read(id.getIdPart(), callerAccesses.of(request))
				.map(this::parse)
				.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenOrListParam outcome,
			@OptionalParam(name = "purpose") TokenOrListParam purpose,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
			@OptionalParam(name = AuditEvent.SP_ENTITY_TYPE) TokenOrListParam entityType,
			@OptionalParam(name = AuditEvent.SP_TYPE) TokenOrListParam type,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenOrListParam subtype,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenOrListParam action,
			@OptionalParam(name = AuditEvent.SP_ADDRESS) StringParam address,
			@Offset Integer offset,
			@Count Integer count,
			RequestDetails request) {
		AuditQuery query = new AuditQuery(
				patientId(patient),
				agent == null || isIdentifier(agent) ? null : agentReference(agent),
				agent != null && isIdentifier(agent) ? clientId(agent) : null,
				date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant(),
				date == null || date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant(),
				outcomes(outcome),
				codes(purpose),
				entityReference(entity),
				codes(entityType),
				codes(subtype),
				codes(action),
				address == null ? null : address.getValue(),
				// Every event of this trail is a RESTful operation (audit-event-type rest).
				type != null && !codes(type).contains("rest"));
		int pageSize = count == null || count <= 0 ? server.defaultPageSize() : Math.min(count, server.maxPageSize());
		int from = offset == null || offset < 0 ? 0 : offset;
		CallerAccess access = callerAccesses.of(request);
		// Counting the whole trail costs a scan of every match: only when the caller asks for the total.
		Integer total = wantsTotal(request) ? trail.count(query, access) : null;
		List<String> rows = trail.search(query, access, from, pageSize);
		List<IBaseResource> page = new ArrayList<>();
		rows.stream().limit(pageSize).map(this::parse).forEach(page::add);
		boolean more = rows.size() > pageSize;
		if (total == null && !more) {
			total = from + page.size(); // the last page: the total is known without counting
		}
		return new Page(page, from, pageSize, more, total);
	}

	private static boolean wantsTotal(RequestDetails request) {
		return has(request, "_summary", "count") || has(request, "_total", "accurate") || has(request, "_total", "estimate");
	}

	private static boolean has(RequestDetails request, String parameter, String value) {
		String[] values = request.getParameters().get(parameter);
		return values != null && java.util.Arrays.asList(values).contains(value);
	}

	/**
	 * One page at an offset; HAPI makes the {@code next} link ({@code _offset}, {@code _count}) when
	 * there is more. Its size is the number of matches when they were counted or this is the last page,
	 * otherwise unknown (no {@code Bundle.total}); never the size of a page that is not the last.
	 */
	private static final class Page extends SimpleBundleProvider {
		private final boolean more;
		private final Integer total;

		Page(List<IBaseResource> resources, int offset, int pageSize, boolean more, Integer total) {
			super(resources);
			this.more = more;
			this.total = total;
			setCurrentPageOffset(offset);
			setCurrentPageSize(pageSize);
		}

		@Override
		public Integer size() {
			return total;
		}

		@Override
		public String getNextPageId() {
			return more ? "next" : null;
		}
	}

	private AuditEvent parse(String json) {
		return fhirContext.newJsonParser().parseResource(AuditEvent.class, json);
	}

	/** {@code entity=Observation/123}: what the event is about (its version left out). */
	private static String entityReference(ReferenceParam entity) {
		if (entity == null) {
			return null;
		}
		if (entity.getChain() != null || entity.getResourceType() == null || entity.getIdPart() == null) {
			throw new InvalidRequestException("AuditEvent?entity= takes a reference such as Observation/123");
		}
		return entity.getResourceType() + "/" + entity.getIdPart();
	}

	private static String patientId(ReferenceParam patient) {
		if (patient == null) {
			return null;
		}
		if (patient.getChain() != null || (patient.getResourceType() != null && !"Patient".equals(patient.getResourceType()))) {
			throw new InvalidRequestException("AuditEvent?patient= takes a patient id or Patient/<id>");
		}
		return patient.getIdPart();
	}

	/** {@code agent:identifier=<client_id>}: the OAuth client; HAPI reads the modifier as a resource type. */
	private static boolean isIdentifier(ReferenceParam agent) {
		return "identifier".equals(agent.getResourceType());
	}

	private static String clientId(ReferenceParam agent) {
		String value = agent.getValue();
		return value.contains("|") ? value.substring(value.indexOf('|') + 1) : value;
	}

	private static String agentReference(ReferenceParam agent) {
		if (agent.getChain() != null || agent.getResourceType() == null || agent.getIdPart() == null) {
			throw new InvalidRequestException("AuditEvent?agent= takes a reference such as Practitioner/123, "
					+ "or agent:identifier=<client_id> for an OAuth client");
		}
		return agent.getResourceType() + "/" + agent.getIdPart();
	}

	private static List<Integer> outcomes(TokenOrListParam outcome) {
		List<Integer> codes = new ArrayList<>();
		for (String code : codes(outcome)) {
			try {
				codes.add(Integer.parseInt(code));
			} catch (NumberFormatException e) {
				throw new InvalidRequestException("AuditEvent?outcome= takes 0, 4, 8 or 12, not " + code);
			}
		}
		return codes;
	}

	private static List<String> codes(TokenOrListParam tokens) {
		return tokens == null ? List.of() : tokens.getValuesAsQueryTokens().stream().map(TokenParam::getValue).toList();
	}
}
