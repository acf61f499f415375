package jp.zaitaku.fhir.audit;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.List;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.stereotype.Component;

/**
 * AuditEvents cannot be changed through the API (改ざん防止): create, update, patch and delete of
 * AuditEvent answer 405, also as entries of a batch, and make a whole transaction 405; the CapabilityStatement says
 * read and search only, with the search parameters {@link AuditEventProvider} understands.
 */
@Component
class AuditEventsReadOnly implements FhirServerInterceptor {

	private static final String REFUSAL = "AuditEvents are written by the server only and cannot be created, changed "
			+ "or deleted (監査証跡は変更できません).";

	/** Before HAPI looks for a method: {@code POST /AuditEvent/_search} is a search, every other write is refused. */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED, order = InterceptorOrder.AUDIT_EVENTS_READ_ONLY)
	public void refuseWrites(RequestDetails request) {
		if (!"AuditEvent".equals(request.getResourceName())) {
			return;
		}
		RequestTypeEnum method = request.getRequestType();
		boolean search = method == RequestTypeEnum.POST && request.getRequestPath().endsWith("/_search");
		if (method == RequestTypeEnum.GET || method == RequestTypeEnum.HEAD || method == RequestTypeEnum.OPTIONS || search) {
			return;
		}
		throw new MethodNotAllowedException(REFUSAL, RequestTypeEnum.GET);
	}

	// Transaction and batch entries reach the storage layer without the REST methods above.
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.AUDIT_EVENTS_NOT_STORED)
	public void beforeCreate(IBaseResource resource) {
		refuseStorage(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.AUDIT_EVENTS_NOT_STORED)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
		refuseStorage(newResource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = InterceptorOrder.AUDIT_EVENTS_NOT_STORED)
	public void beforeDelete(IBaseResource resource) {
		refuseStorage(resource);
	}

	/**
	 * A transaction that would change an AuditEvent is refused whole (405), before any entry runs: the
	 * trail is not in HAPI's tables, so a DELETE entry would find nothing there and "succeed".
	 */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = InterceptorOrder.AUDIT_EVENTS_READ_ONLY_IN_TRANSACTIONS)
	public void refuseTransactionWrites(RequestDetails request) {
		if (request.getResource() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.TRANSACTION
				&& bundle.getEntry().stream().anyMatch(AuditEventsReadOnly::changesAnAuditEvent)) {
			throw new MethodNotAllowedException(REFUSAL, RequestTypeEnum.GET);
		}
	}

	/** The same for each such entry of a batch: 405, as the plain request, whatever HAPI answered it. */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.AUDIT_EVENT_BATCH_ENTRIES_405)
	public boolean refuseBatchEntryWrites(RequestDetails request, IBaseResource response) {
		if (response instanceof Bundle answer && answer.getType() == Bundle.BundleType.BATCHRESPONSE
				&& request.getResource() instanceof Bundle batch && batch.getEntry().size() == answer.getEntry().size()) {
			for (int i = 0; i < batch.getEntry().size(); i++) {
				if (changesAnAuditEvent(batch.getEntry().get(i))) {
					OperationOutcome outcome = new OperationOutcome();
					outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
							.setDiagnostics(REFUSAL);
					answer.getEntry().get(i).setResponse(new Bundle.BundleEntryResponseComponent()
							.setStatus("405 Method Not Allowed").setOutcome(outcome));
				}
			}
		}
		return true;
	}

	private static boolean changesAnAuditEvent(Bundle.BundleEntryComponent entry) {
		Bundle.HTTPVerb method = entry.getRequest().getMethod();
		String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl().replaceAll("^/+", "");
		if (method == null || method == Bundle.HTTPVerb.GET || method == Bundle.HTTPVerb.HEAD
				|| (method == Bundle.HTTPVerb.POST && url.startsWith("AuditEvent/_search"))) {
			return false;
		}
		return entry.getResource() instanceof AuditEvent || url.equals("AuditEvent") || url.startsWith("AuditEvent/")
				|| url.startsWith("AuditEvent?");
	}

	private static void refuseStorage(IBaseResource resource) {
		if (resource instanceof AuditEvent) {
			throw new MethodNotAllowedException(REFUSAL, RequestTypeEnum.GET);
		}
	}

	private record Param(String name, SearchParamType type, String definition, String documentation) {}

	private static final String CORE = "http://hl7.org/fhir/SearchParameter/AuditEvent-";
	private static final List<Param> SEARCH_PARAMETERS = List.of(
			new Param(AuditEvent.SP_PATIENT, SearchParamType.REFERENCE, CORE + "patient", "The patient an event is about"),
			new Param(AuditEvent.SP_AGENT, SearchParamType.REFERENCE, CORE + "agent",
					"The person (Practitioner/123); agent:identifier=<client_id> for the OAuth client"),
			new Param(AuditEvent.SP_DATE, SearchParamType.DATE, CORE + "date", "When the event was recorded"),
			new Param(AuditEvent.SP_OUTCOME, SearchParamType.TOKEN, CORE + "outcome", "0 success, 4 refused, 8 server failure"),
			new Param("purpose", SearchParamType.TOKEN, null,
					"Purpose of use of the requesting agent: TREAT, or ETREAT for a break-the-glass access"),
			new Param(AuditEvent.SP_ENTITY, SearchParamType.REFERENCE, CORE + "entity", "A resource the event is about (Observation/123)"),
			new Param(AuditEvent.SP_ENTITY_TYPE, SearchParamType.TOKEN, CORE + "entity-type", "1 a patient, 2 another resource"),
			new Param(AuditEvent.SP_TYPE, SearchParamType.TOKEN, CORE + "type", "rest: every event of this trail"),
			new Param(AuditEvent.SP_SUBTYPE, SearchParamType.TOKEN, CORE + "subtype", "The interaction: read, vread, search-type, create, update, patch, delete, transaction, operation …"),
			new Param(AuditEvent.SP_ACTION, SearchParamType.TOKEN, CORE + "action", "C, R, U, D or E"),
			new Param(AuditEvent.SP_ADDRESS, SearchParamType.STRING, CORE + "address", "The caller's network address (its start)"));

	@Hook(value = Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED, order = InterceptorOrder.AUDIT_EVENT_CAPABILITIES)
	public void describe(IBaseConformance generated) {
		if (!(generated instanceof CapabilityStatement statement) || statement.getRest().isEmpty()) {
			return;
		}
		for (CapabilityStatementRestResourceComponent resource : statement.getRestFirstRep().getResource()) {
			if (!"AuditEvent".equals(resource.getType())) {
				continue;
			}
			resource.getInteraction().clear();
			resource.addInteraction().setCode(TypeRestfulInteraction.READ);
			resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
			resource.setConditionalCreate(false).setConditionalUpdate(false)
					.setConditionalDelete(null).setUpdateCreate(false).setVersioning(null).setReadHistory(false);
			resource.getSearchInclude().clear();
			resource.getSearchRevInclude().clear();
			resource.getOperation().clear();
			resource.getSearchParam().clear();
			for (Param param : SEARCH_PARAMETERS) {
				CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent searchParam = resource.addSearchParam()
						.setName(param.name()).setType(param.type()).setDocumentation(param.documentation());
				if (param.definition() != null) {
					searchParam.setDefinition(param.definition());
				}
			}
		}
	}
}
