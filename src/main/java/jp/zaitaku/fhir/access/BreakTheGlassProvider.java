package jp.zaitaku.fhir.access;

import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import java.time.Clock;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Patient/{id}/$break-the-glass} with parameter {@code reason}: a professional not
 * on the patient's team (e.g. the on-call doctor at a night-time deterioration, 夜間の急変) gets read
 * access to the patient for {@code zaitaku.access.emergency-access-time}. Every request made under it
 * is recorded in the audit trail with purpose ETREAT and the reason, and the coordinator of each of
 * the patient's active teams gets an urgent team message saying who opened the record and why.
 */
@Component
public class BreakTheGlassProvider implements FhirOperationProvider, ScopedOperation {

	public static final String OPERATION = "$break-the-glass";
	private static final int MOST_REASON_CHARACTERS = 1000;

	private final EmergencyAccess emergencyAccess;
	private final CallerAccesses accesses;
	private final DaoRegistry daos;
	private final Clock clock;

	public BreakTheGlassProvider(EmergencyAccess emergencyAccess, CallerAccesses accesses, DaoRegistry daos, Clock clock) {
		this.clock = clock;
		this.emergencyAccess = emergencyAccess;
		this.accesses = accesses;
		this.daos = daos;
	}

	/** A person whose scopes may read patients may open one in an emergency; care-team access control decides the rest. */
	@Override
	public OperationScope operationScope() {
		return new OperationScope(OPERATION, "Patient", 'r', "user", false);
	}

	@Operation(name = OPERATION, typeName = "Patient", idempotent = false)
	public Parameters breakTheGlass(@IdParam IdType patientId,
			@OperationParam(name = "reason", min = 1, max = 1) StringType reason, RequestDetails request) {
		String practitioner = practitionerOfToken();
		String why = reason == null || reason.getValue() == null ? "" : reason.getValue().strip();
		if (why.isEmpty() || why.length() > MOST_REASON_CHARACTERS) {
			throw new InvalidRequestException("An emergency access needs a reason (1 to " + MOST_REASON_CHARACTERS + " characters), e.g. 夜間の急変で往診.");
		}
		String patient = patientId.getIdPart();
		// 404 for a patient that does not exist.
		daos.getResourceDao("Patient").read(new IdType("Patient", patient), new SystemRequestDetails());
		Instant expires = emergencyAccess.grant(practitioner, patient, why);
		accesses.markEmergency(request, patient, why);
		int notified = notifyCoordinators(patient, practitioner, why, expires);

		Parameters answer = new Parameters();
		answer.addParameter().setName("patient").setValue(new Reference("Patient/" + patient));
		answer.addParameter().setName("expires").setValue(new InstantType(Date.from(expires)));
		answer.addParameter().setName("coordinatorsNotified").setValue(new IntegerType(notified));
		return answer;
	}

	private static String practitionerOfToken() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
			String fhirUser = token.getToken().getClaimAsString("fhirUser");
			if (fhirUser != null && fhirUser.contains("/Practitioner/")) {
				return fhirUser.substring(fhirUser.lastIndexOf("/Practitioner/") + 1);
			}
		}
		throw new ForbiddenOperationException("Only a professional signed in as a Practitioner may open a record in an emergency.");
	}

	/** An urgent emergency-access notice (緊急時アクセスの通知) to the coordinator of every active team of the patient. */
	private int notifyCoordinators(String patient, String practitioner, String why, Instant expires) {
		SearchParameterMap teams = SearchParameterMap.newSynchronous()
				.add(CareTeam.SP_PATIENT, new ReferenceParam("Patient/" + patient))
				.add(CareTeam.SP_STATUS, new TokenParam("active"));
		int notified = 0;
		for (IBaseResource found : daos.getResourceDao("CareTeam").search(teams, new SystemRequestDetails()).getResources(0, 100)) {
			for (CareTeam.CareTeamParticipantComponent participant : ((CareTeam) found).getParticipant()) {
				boolean coordinator = participant.getRole().stream().flatMap(role -> role.getCoding().stream())
						.anyMatch(code -> HomeCareGuide.CareTeamRole.SYSTEM.equals(code.getSystem()) && HomeCareGuide.CareTeamRole.COORDINATOR.equals(code.getCode()));
				if (coordinator && participant.hasMember()) {
					daos.getResourceDao("Communication").create(message(patient, practitioner, participant.getMember(), why, expires),
							new SystemRequestDetails());
					notified++;
				}
			}
		}
		return notified;
	}

	private Communication message(String patient, String practitioner, Reference coordinator, String why, Instant expires) {
		Communication message = new Communication();
		message.setStatus(Communication.CommunicationStatus.COMPLETED);
		message.addExtension(HomeCareGuide.Extensions.COMMUNICATION_THREAD,
				new Identifier().setSystem(HomeCareGuide.NamingSystems.COMMUNICATION_THREAD).setValue("urn:uuid:" + UUID.randomUUID()));
		message.addCategory(new CodeableConcept(new Coding(HomeCareGuide.MessageCategory.SYSTEM, HomeCareGuide.MessageCategory.EMERGENCY_ACCESS, "緊急時アクセスの通知")));
		message.setPriority(Communication.CommunicationPriority.URGENT);
		message.setSubject(new Reference("Patient/" + patient));
		message.setSent(Date.from(clock.instant()));
		message.setSender(new Reference(practitioner));
		message.addRecipient(coordinator.copy());
		message.addPayload().setContent(new StringType("緊急時アクセス：" + practitioner + " がこの療養者の記録を閲覧しました。理由：「" + why
				+ "」（閲覧期限 " + expires + "） / Emergency access to this patient's record by " + practitioner + ", reason: " + why));
		return message;
	}
}
