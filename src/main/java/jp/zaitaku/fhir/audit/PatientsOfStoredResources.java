package jp.zaitaku.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The patients of the stored resource a refused request named in its URL ({@code DELETE
 * /Observation/123}, a PATCH, a read, its history): the refusal is then found in that patient's audit
 * trail, where her team and the auditors look. Read past every access rule, since the caller was not
 * allowed to; only refusals pay for this read.
 */
@Component
class PatientsOfStoredResources {

	private static final Logger log = LoggerFactory.getLogger(PatientsOfStoredResources.class);

	private final DaoRegistry daos;
	private final PatientsOfResources patientsOf;

	PatientsOfStoredResources(DaoRegistry daos, PatientsOfResources patientsOf) {
		this.daos = daos;
		this.patientsOf = patientsOf;
	}

	void forEach(RequestDetails request, Consumer<String> patientId) {
		IIdType id = request.getId();
		if (id != null) {
			forEach(request.getResourceName(), id.getIdPart(), patientId);
		}
	}

	/** The same for a bundle entry's URL ({@code Observation/123}, {@code Observation/123/_history/2}). */
	void forEach(String entryUrl, Consumer<String> patientId) {
		String[] parts = entryUrl.split("[/?]");
		if (parts.length >= 2 && !entryUrl.startsWith("/") && !parts[1].startsWith("$") && !parts[1].startsWith("_")) {
			forEach(parts[0], parts[1], patientId);
		}
	}

	private void forEach(String type, String idPart, Consumer<String> patientId) {
		if (type == null || idPart == null || idPart.isBlank() || !daos.isResourceTypeSupported(type)) {
			return;
		}
		try {
			IBaseResource stored = daos.getResourceDao(type).read(new IdType(type, idPart), new SystemRequestDetails());
			patientsOf.forEach(stored, patientId);
		} catch (RuntimeException notThere) {
			// Never stored, deleted, or not a valid id: there is no patient to name. The refusal itself
			// must still be recorded and answered as it was, so nothing is thrown from here.
			log.debug("no stored {}/{} to name the patients of a refusal: {}", type, idPart, notThere.toString());
		}
	}
}
