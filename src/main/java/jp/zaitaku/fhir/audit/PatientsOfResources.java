package jp.zaitaku.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * The patients a resource is about: the Patient itself, or the owners of the Patient compartment the
 * resource is in (subject, patient, performer... as the FHIR specification's compartment definition
 * lists them). A Bundle's patients are those of its entries.
 */
@Component
class PatientsOfResources {

	private final FhirContext fhirContext;
	private final FhirTerser terser;

	PatientsOfResources(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.terser = fhirContext.newTerser();
	}

	void forEach(IBaseResource resource, Consumer<String> patientId) {
		if (resource == null) {
			return;
		}
		if (resource instanceof Bundle bundle) {
			bundle.getEntry().forEach(entry -> forEach(entry.getResource(), patientId));
			return;
		}
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) {
			patientId.accept(resource.getIdElement().getIdPart());
			return;
		}
		if (fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty()) {
			return;
		}
		for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", resource, (java.util.Set<String>) null)) {
			// Placeholders (urn:uuid:) of a transaction that failed are not patients of this server.
			if ("Patient".equals(owner.getResourceType())) {
				patientId.accept(owner.getIdPart());
			}
		}
	}
}
