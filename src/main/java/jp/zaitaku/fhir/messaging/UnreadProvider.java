package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.zaitaku.fhir.access.CallerAccess;
import jp.zaitaku.fhir.access.CallerAccesses;
import jp.zaitaku.fhir.access.CareTeamMembership;
import jp.zaitaku.fhir.access.PatientReach;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code GET Communication/$unread} (optionally {@code ?patient=Patient/1}): the reader's unread team
 * messages — sent to them, to one of their roles or organisations, or to a team they are a current
 * member of; not sent by them; not receipts; with no receipt of theirs yet — among those they may read.
 * Answers a Parameters resource (not a searchset: the counts are the point): {@code total}; one
 * {@code patient} per patient (parts {@code patient}, {@code count}); one {@code thread} per thread
 * (parts {@code thread}, {@code patient}, {@code count}, {@code latest}); and one {@code message}
 * reference per unread message, newest first. It looks at the reader's newest
 * {@code zaitaku.messaging.most-unread-messages} messages.
 */
@Component
class UnreadProvider implements FhirOperationProvider, ScopedOperation {

	static final String OPERATION = "$unread";

	private final DaoRegistry daos;
	private final Readers readers;
	private final CallerAccesses accesses;
	private final PatientReach reach;
	private final CareTeamMembership membership;
	private final ReceiptLedger ledger;
	private final int mostMessages;

	UnreadProvider(DaoRegistry daos, Readers readers, CallerAccesses accesses, PatientReach reach, CareTeamMembership membership,
			ReceiptLedger ledger, MessagingProperties properties) {
		this.daos = daos;
		this.readers = readers;
		this.accesses = accesses;
		this.reach = reach;
		this.membership = membership;
		this.ledger = ledger;
		this.mostMessages = properties.mostUnreadMessages();
	}

	@Override
	public OperationScope operationScope() {
		return operationScopes().get(0);
	}

	@Override
	public List<OperationScope> operationScopes() {
		return MessageOperations.readersOf(OPERATION, true);
	}

	@Operation(name = OPERATION, typeName = "Communication", idempotent = true)
	public Parameters unread(@OperationParam(name = "patient", max = 1) ReferenceParam patient,
			@OperationParam(name = "reader", max = 1) ReferenceParam reader, RequestDetails request) {
		if (patient != null && (patient.getIdPart() == null || !patient.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}"))) {
			throw new InvalidRequestException("patient names a Patient: patient=Patient/123.");
		}
		Readers.Reader who = readers.of(request, reader == null ? null : new Reference(reader.getValue()));
		CallerAccess access = accesses.of(request);
		List<Communication> unread = unreadMessages(who, patient == null ? null : "Patient/" + patient.getIdPart(), access);
		return answer(unread);
	}

	private List<Communication> unreadMessages(Readers.Reader who, String patient, CallerAccess access) {
		Set<String> addressedAs = new LinkedHashSet<>(who.identities());
		membership.currentTeamsOf(who.identities()).forEach(team -> addressedAs.add("CareTeam/" + team));
		ReferenceOrListParam anyOf = new ReferenceOrListParam();
		addressedAs.forEach(reference -> anyOf.addOr(new ReferenceParam(reference)));
		SearchParameterMap search = SearchParameterMap.newSynchronous().add(Communication.SP_RECIPIENT, anyOf);
		if (patient != null) {
			search.add(Communication.SP_SUBJECT, new ReferenceParam(patient));
		}
		search.setSort(new SortSpec(Communication.SP_SENT, SortOrderEnum.DESC));
		search.setCount(mostMessages);
		List<Communication> candidates = new ArrayList<>();
		for (IBaseResource found : daos.getResourceDao("Communication").search(search, new SystemRequestDetails()).getResources(0, mostMessages)) {
			Communication message = (Communication) found;
			if (!Messages.isReceipt(message) && !sentBy(message, who) && reach.mayRead(access, message)) {
				candidates.add(message);
			}
		}
		Set<String> read = ledger.readBy(who.reference(), candidates.stream().map(m -> m.getIdElement().getIdPart()).toList());
		return candidates.stream().filter(message -> !read.contains(message.getIdElement().getIdPart())).toList();
	}

	private static boolean sentBy(Communication message, Readers.Reader who) {
		String sender = Recipients.referenceOf(message.getSender());
		return sender != null && who.identities().contains(sender);
	}

	private static Parameters answer(List<Communication> unread) {
		Map<String, Integer> perPatient = new LinkedHashMap<>();
		Map<String, List<Communication>> perThread = new LinkedHashMap<>();
		for (Communication message : unread) {
			perPatient.merge(patientOf(message), 1, Integer::sum);
			perThread.computeIfAbsent(threadOf(message), thread -> new ArrayList<>()).add(message);
		}
		Parameters answer = new Parameters();
		answer.addParameter().setName("total").setValue(new IntegerType(unread.size()));
		perPatient.forEach((patient, count) -> {
			Parameters.ParametersParameterComponent part = answer.addParameter().setName("patient");
			part.addPart().setName("patient").setValue(new Reference(patient));
			part.addPart().setName("count").setValue(new IntegerType(count));
		});
		perThread.forEach((thread, messages) -> {
			Parameters.ParametersParameterComponent part = answer.addParameter().setName("thread");
			part.addPart().setName("thread").setValue(new StringType(thread));
			part.addPart().setName("patient").setValue(new Reference(patientOf(messages.get(0))));
			part.addPart().setName("count").setValue(new IntegerType(messages.size()));
			part.addPart().setName("latest").setValue(referenceTo(messages.get(0)));
		});
		unread.forEach(message -> answer.addParameter().setName("message").setValue(referenceTo(message)));
		return answer;
	}

	private static Reference referenceTo(Communication message) {
		Reference reference = new Reference("Communication/" + message.getIdElement().getIdPart());
		String text = message.getTopic().hasText() ? message.getTopic().getText()
				: message.getPayload().stream().filter(payload -> payload.getContent() instanceof StringType)
						.map(payload -> ((StringType) payload.getContent()).getValue()).findFirst().orElse(null);
		if (text != null) {
			reference.setDisplay(text.length() > 60 ? text.substring(0, 60) + "…" : text);
		}
		return reference;
	}

	private static String patientOf(Communication message) {
		String patient = Recipients.referenceOf(message.getSubject());
		return patient == null ? "" : patient;
	}

	/** The thread id (urn:uuid:…), or the message's own reference for a message without one. */
	private static String threadOf(Communication message) {
		Extension thread = message.getExtensionByUrl(HomeCareGuide.Extensions.COMMUNICATION_THREAD);
		if (thread != null && thread.getValue() instanceof Identifier identifier && identifier.hasValue()) {
			return identifier.getValue();
		}
		return "Communication/" + message.getIdElement().getIdPart();
	}
}
