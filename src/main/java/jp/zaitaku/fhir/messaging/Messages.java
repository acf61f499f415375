package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.PatientReach;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Team messages as the operations on them see them: read for a caller, 404 alike when missing or out of reach. */
@Component
class Messages {

	private final DaoRegistry daos;
	private final CallerAccesses accesses;
	private final PatientReach reach;

	Messages(DaoRegistry daos, CallerAccesses accesses, PatientReach reach) {
		this.daos = daos;
		this.accesses = accesses;
		this.reach = reach;
	}

	/** The message {@code id} if the caller may read it; else the 404 of a message that does not exist. */
	Communication readFor(IdType id, RequestDetails request) {
		Communication message;
		try {
			message = (Communication) daos.getResourceDao("Communication").read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw notFound(id);
		}
		if (!reach.mayRead(accesses.of(request), message)) {
			throw notFound(id);
		}
		return message;
	}

	static boolean isReceipt(Communication communication) {
		return hasCategory(communication, HomeCareGuide.MessageCategory.RECEIPT)
				|| communication.getMeta().getProfile().stream().anyMatch(profile -> profile.getValue() != null
						&& profile.getValue().startsWith(HomeCareGuide.Profiles.MESSAGE_RECEIPT));
	}

	static boolean hasCategory(Communication communication, String code) {
		return communication.getCategory().stream().flatMap(category -> category.getCoding().stream())
				.anyMatch(coding -> HomeCareGuide.MessageCategory.SYSTEM.equals(coding.getSystem()) && code.equals(coding.getCode()));
	}

	private static ResourceNotFoundException notFound(IdType id) {
		return new ResourceNotFoundException("Resource Communication/" + id.getIdPart() + " is not known");
	}
}
