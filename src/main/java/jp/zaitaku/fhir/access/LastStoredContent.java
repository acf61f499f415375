package jp.zaitaku.fhir.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The last content a resource had, read without any access limit: its current version, or for a
 * deleted resource the version before the deletion (whose patient decides who may know it existed).
 */
@Component
class LastStoredContent {

	private final DaoRegistry daos;

	LastStoredContent(DaoRegistry daos) {
		this.daos = daos;
	}

	/** Null when the resource never existed (or the type is not served). */
	IBaseResource lastContent(String type, String id) {
		if (!daos.isResourceTypeSupported(type)) {
			return null;
		}
		IFhirResourceDao<?> dao = daos.getResourceDao(type);
		try {
			return dao.read(new IdType(type, id), new SystemRequestDetails());
		} catch (ResourceGoneException deleted) {
			return beforeDeletion(dao, type, id);
		} catch (ResourceNotFoundException | InvalidRequestException never) {
			return null;
		}
	}

	private static IBaseResource beforeDeletion(IFhirResourceDao<?> dao, String type, String id) {
		try {
			IBaseResource tombstone = dao.read(new IdType(type, id), new SystemRequestDetails(), true);
			Long deletedVersion = tombstone.getIdElement().getVersionIdPartAsLong();
			return deletedVersion == null || deletedVersion <= 1 ? null
					: dao.read(new IdType(type, id, String.valueOf(deletedVersion - 1)), new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException | InvalidRequestException unreadable) {
			return null;
		}
	}
}
