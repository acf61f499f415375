package jp.zaitaku.fhir.audit;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records one AuditEvent per FHIR request (アクセスログ), allowed or refused:
 * <ul>
 *   <li>writes: in the database transaction of the write, just before it commits, so the data and
 *       its audit commit or roll back together;
 *   <li>reads, searches, operations: when the answer is ready and the scope checks have passed,
 *       before it is sent;
 *   <li>refusals and failures (403, 404, 422, a rolled-back transaction...): when HAPI handles the
 *       exception, on their own.
 * </ul>
 * Requests HAPI never saw (no token, firewall) are recorded by {@link UnservedRequestAudit}.
 */
@Component
class AccessAuditInterceptor implements FhirServerInterceptor {

	/** Servlet request attribute: HAPI's hooks took care of this request (recorded or deliberately not). */
	static final String HANDLED = AccessAuditInterceptor.class.getName() + ".handled";


	private static final Logger log = LoggerFactory.getLogger(AccessAuditInterceptor.class);
	private static final String RECORD = AuditRecord.class.getName();

	private final AuditTrail trail;
	private final AuditEvents events;
	private final PatientsOfResources patientsOf;
	private final PatientsOfStoredResources patientsOfStored;
	private final CallerAccesses callerAccesses;
	private final int maxPatients;

	AccessAuditInterceptor(AuditTrail trail, AuditEvents events, PatientsOfResources patientsOf,
			PatientsOfStoredResources patientsOfStored, CallerAccesses callerAccesses, AuditProperties properties) {
		this.trail = trail;
		this.events = events;
		this.patientsOf = patientsOf;
		this.patientsOfStored = patientsOfStored;
		this.callerAccesses = callerAccesses;
		this.maxPatients = Math.max(1, properties.maxPatients());
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = InterceptorOrder.AUDIT_WRITE_IN_TRANSACTION)
	public void created(IBaseResource resource, RequestDetails request) {
		written(request, resource);
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = InterceptorOrder.AUDIT_WRITE_IN_TRANSACTION)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		written(request, newResource);
		if (oldResource != null && request instanceof ServletRequestDetails) {
			// Moving a record from one patient to another touches both.
			patientsOf.forEach(oldResource, transactionRecord(request)::addPatient);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = InterceptorOrder.AUDIT_WRITE_IN_TRANSACTION)
	public void deleted(IBaseResource resource, RequestDetails request, IIdType previousId) {
		// The deletion is the version after the last one (previousId). HAPI's subscription matcher
		// resets the resource's own id to previousId before this hook runs.
		if (previousId != null && previousId.hasVersionIdPart() && previousId.isVersionIdPartValidLong()) {
			resource.setId(previousId.withVersion(String.valueOf(previousId.getVersionIdPartAsLong() + 1)));
		}
		written(request, resource);
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.AUDIT_SERVED)
	public boolean outgoing(RequestDetails request, IBaseResource response) {
		AuditRecord record = recordOf(request);
		if (record == null || record.isRecorded()) {
			return true;
		}
		refineInteraction(record, response);
		if (!isAuditTrailRequest(request)) {
			patientsOf.forEach(response, record::addPatient);
			if ((record.interaction == RestInteraction.READ || record.interaction == RestInteraction.VREAD) && response != null) {
				record.addResource(reference(response.getIdElement()));
			}
		}
		store(record, 200, null);
		if (record.interaction == RestInteraction.BATCH && response instanceof Bundle answers
				&& request.getResource() instanceof Bundle asked) {
			recordRefusedEntries(record, asked, answers);
		}
		return true;
	}

	/**
	 * A batch answers 200 even when some of its entries were refused (a read of a hidden record: 404).
	 * Each refused entry gets its own refusal event, as if it had been asked on its own.
	 */
	private void recordRefusedEntries(AuditRecord batch, Bundle asked, Bundle answers) {
		for (int i = 0; i < Math.min(asked.getEntry().size(), answers.getEntry().size()); i++) {
			Bundle.BundleEntryRequestComponent entryRequest = asked.getEntry().get(i).getRequest();
			String status = answers.getEntry().get(i).getResponse().getStatus();
			int code = status == null || !status.matches("\\d{3}.*") ? 0 : Integer.parseInt(status.substring(0, 3));
			if (code < 400 || entryRequest.getMethod() == null || entryRequest.getUrl() == null) {
				continue;
			}
			String method = entryRequest.getMethod().toCode();
			AuditRecord entry = new AuditRecord(RestInteraction.guess(method, entryRequest.getUrl()), batch.caller,
					batch.requestUrl, maxPatients);
			patientsOf.forEach(asked.getEntry().get(i).getResource(), entry::addPatient);
			patientsOfStored.forEach(entryRequest.getUrl(), entry::addPatient);
			store(entry, code, code + " " + method + " " + entryRequest.getUrl() + " (entry " + (i + 1) + " of a batch)");
		}
	}

	@Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = InterceptorOrder.AUDIT_REFUSED)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		AuditRecord record = recordOf(request);
		if (record == null) {
			return true;
		}
		if (!isAuditTrailRequest(request)) {
			// Whom a refused request was about: the body of a create, update or transaction says, and so
			// does the stored record its URL (or an entry's URL) names: a delete, a patch, a read, an
			// update that would move another patient's record to one's own.
			patientsOf.forEach(request.getResource(), record::addPatient);
			patientsOfStored.forEach(request, record::addPatient);
			if (request.getResource() instanceof Bundle bundle) {
				bundle.getEntry().stream().filter(entry -> entry.getRequest().hasUrl()).limit(AuditRecord.MAX_RESOURCES)
						.forEach(entry -> patientsOfStored.forEach(entry.getRequest().getUrl(), record::addPatient));
			}
		}
		refineInteraction(record, request.getResource());
		String reason = exception.getStatusCode() + " " + request.getRequestType() + " " + record.requestUrl + ": " + exception.getMessage();
		store(record, exception.getStatusCode(), reason);
		return true;
	}

	/** Whatever path HAPI took, a request it served is not left out: no-op writes, hooks ended early. */
	@Hook(value = Pointcut.SERVER_PROCESSING_COMPLETED, order = InterceptorOrder.AUDIT_UNRECORDED)
	public void completed(RequestDetails request) {
		AuditRecord record = recordOf(request);
		if (record == null || record.isRecorded()) {
			return;
		}
		int status = request instanceof ServletRequestDetails servlet ? servlet.getServletResponse().getStatus() : 200;
		store(record, status, status >= 400 ? status + " " + request.getRequestType() + " " + record.requestUrl : null);
	}

	private void written(RequestDetails request, IBaseResource resource) {
		if (!(request instanceof ServletRequestDetails) || resource == null) {
			return; // the server's own work (guide loading, reindexing), not a caller's request
		}
		AuditRecord record = transactionRecord(request);
		record.addResource(reference(resource.getIdElement()));
		patientsOf.forEach(resource, record::addPatient);
	}

	/**
	 * The part of this request's record that belongs to the database transaction running now; the
	 * first write of a transaction registers the event's insert to run just before it commits.
	 */
	private AuditRecord transactionRecord(RequestDetails request) {
		AuditRecord record = recordOf(request);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			log.debug("write outside a transaction; audited when the request ends");
			return record;
		}
		String key = RECORD + ".transaction";
		WriteInTransaction current = (WriteInTransaction) TransactionSynchronizationManager.getResource(key);
		if (current == null) {
			current = new WriteInTransaction(record, record.forTransaction(), key);
			TransactionSynchronizationManager.bindResource(key, current);
			TransactionSynchronizationManager.registerSynchronization(current);
		}
		return current.written;
	}

	/** The event of one write transaction: inserted in it, so it commits or rolls back with the data. */
	private final class WriteInTransaction implements TransactionSynchronization {
		private final AuditRecord request;
		private final AuditRecord written;
		private final String key;
		private AuditEntry entry;

		WriteInTransaction(AuditRecord request, AuditRecord written, String key) {
			this.request = request;
			this.written = written;
			this.key = key;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			entry = events.entry(written, 200, null);
			trail.insert(entry);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(key);
			if (status == STATUS_COMMITTED && entry != null) {
				request.markRecorded();
				trail.log(entry);
			} else {
				request.addAll(written);
			}
		}
	}

	private void store(AuditRecord record, int status, String outcomeDesc) {
		AuditEntry entry = events.entry(record, status, outcomeDesc);
		trail.insert(entry);
		record.markRecorded();
		trail.log(entry);
	}

	/** This request's record, begun on first use; null for requests that carry no patient data. */
	private AuditRecord recordOf(RequestDetails request) {
		if (!(request instanceof ServletRequestDetails servlet)) {
			return null;
		}
		Object existing = request.getUserData().get(RECORD);
		if (existing != null) {
			return (AuditRecord) existing;
		}
		HttpServletRequest http = servlet.getServletRequest();
		http.setAttribute(HANDLED, Boolean.TRUE);
		if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
			return null;
		}
		RestInteraction interaction = request.getRestOperationType() != null
				? RestInteraction.of(request.getRestOperationType())
				: RestInteraction.guess(http.getMethod(), request.getRequestPath());
		AuditRecord record = new AuditRecord(interaction, Caller.current(http.getRemoteAddr(), callerAccesses.of(request)),
				request.getCompleteUrl(), maxPatients);
		if (!isAuditTrailRequest(request)) {
			addTargetPatients(request, record);
		}
		if (interaction == RestInteraction.SEARCH_TYPE || interaction == RestInteraction.SEARCH_SYSTEM) {
			record.setQuery(queryString(request.getParameters()));
		}
		request.getUserData().put(RECORD, record);
		return record;
	}

	/** The patient a request names: {@code Patient/123}, {@code Patient/123/$everything}, {@code ?patient=123}. */
	private static void addTargetPatients(RequestDetails request, AuditRecord record) {
		IIdType id = request.getId();
		if ("Patient".equals(request.getResourceName()) && id != null && id.hasIdPart()) {
			record.addPatient(id.getIdPart());
		}
		for (String name : new String[] {"patient", "subject", "patient:Patient", "subject:Patient"}) {
			String[] values = request.getParameters().get(name);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				for (String one : value.split(",")) {
					IdType reference = new IdType(one);
					if ((name.startsWith("patient") && !reference.hasResourceType()) || "Patient".equals(reference.getResourceType())) {
						record.addPatient(reference.getIdPart());
					}
				}
			}
		}
	}

	/** A transaction whose body says {@code batch} is a batch. */
	private static void refineInteraction(AuditRecord record, IBaseResource resource) {
		if (record.interaction == RestInteraction.TRANSACTION && resource instanceof Bundle bundle
				&& (bundle.getType() == Bundle.BundleType.BATCH || bundle.getType() == Bundle.BundleType.BATCHRESPONSE)) {
			record.interaction = RestInteraction.BATCH;
		}
	}

	private static boolean isAuditTrailRequest(RequestDetails request) {
		// Reading the trail is recorded too, but not as access to the patients it names: a patient's
		// trail would otherwise grow every time someone looks at it.
		return "AuditEvent".equals(request.getResourceName());
	}

	private static String reference(IIdType id) {
		if (id == null || !id.hasIdPart() || !id.hasResourceType()) {
			return null;
		}
		return id.hasVersionIdPart()
				? id.getResourceType() + "/" + id.getIdPart() + "/_history/" + id.getVersionIdPart()
				: id.getResourceType() + "/" + id.getIdPart();
	}

	private static String queryString(Map<String, String[]> parameters) {
		StringJoiner query = new StringJoiner("&");
		parameters.forEach((name, values) -> {
			for (String value : values) {
				query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return query.toString();
	}
}
