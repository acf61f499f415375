package jp.zaitaku.fhir.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one request did, gathered while HAPI serves it and turned into one AuditEvent at the end: the
 * interaction, the caller, the patients and resources it touched, the query it ran. Lives in the
 * request's user data; one thread at a time.
 */
final class AuditRecord {

	/** The most resources one event lists as entities: a page of results or a transaction's entries. */
	static final int MAX_RESOURCES = 100;

	// A transaction turns out to be a batch once its body is read.
	RestInteraction interaction;
	final Caller caller;
	final String requestUrl;
	private final int maxPatients;
	private final Set<String> patients = new LinkedHashSet<>();
	private final Set<String> resources = new LinkedHashSet<>();
	private boolean patientsLeftOut;
	private boolean resourcesLeftOut;
	private String query;
	private boolean recorded;

	AuditRecord(RestInteraction interaction, Caller caller, String requestUrl, int maxPatients) {
		this.interaction = interaction;
		this.caller = caller;
		this.requestUrl = requestUrl;
		this.maxPatients = maxPatients;
	}

	void addPatient(String patientId) {
		if (patientId == null || patientId.isBlank() || patients.contains(patientId)) {
			return;
		}
		if (patients.size() >= maxPatients) {
			patientsLeftOut = true;
			return;
		}
		patients.add(patientId);
	}

	/** A resource read or written, as {@code Type/id} or {@code Type/id/_history/version}. */
	void addResource(String reference) {
		if (reference == null || resources.contains(reference)) {
			return;
		}
		if (resources.size() >= MAX_RESOURCES) {
			resourcesLeftOut = true;
			return;
		}
		resources.add(reference);
	}

	/** A record for one database transaction of this request (a batch has one per entry). */
	AuditRecord forTransaction() {
		AuditRecord copy = new AuditRecord(interaction, caller, requestUrl, maxPatients);
		patients.forEach(copy::addPatient);
		copy.query = query;
		return copy;
	}

	/** What a rolled-back transaction touched still belongs to the request's failure event. */
	void addAll(AuditRecord other) {
		other.patients.forEach(this::addPatient);
		other.resources.forEach(this::addResource);
	}

	void setQuery(String query) {
		this.query = query;
	}

	List<String> patients() {
		return new ArrayList<>(patients);
	}

	List<String> resources() {
		return new ArrayList<>(resources);
	}

	String query() {
		return query;
	}

	boolean somethingLeftOut() {
		return patientsLeftOut || resourcesLeftOut;
	}

	boolean isRecorded() {
		return recorded;
	}

	void markRecorded() {
		recorded = true;
	}
}
