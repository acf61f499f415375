package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import jp.zaitaku.fhir.profiles.HomeCareGuide;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An urgent, asap or stat team message that a person sends starts waiting for an acknowledgement: a
 * row in {@code zaitaku_message_escalation}, due {@code zaitaku.messaging.escalate-after} after the
 * server stored it, written in the message's own transaction so neither exists without the other.
 * {@link Escalations} looks at the rows that fall due. Messages the server sends itself (escalations,
 * emergency-access notices) do not wait: they already go to the coordinator.
 */
@Component
class UrgentMessages implements FhirServerInterceptor {

	static final Set<CommunicationPriority> URGENT = EnumSet.of(CommunicationPriority.URGENT, CommunicationPriority.ASAP,
			CommunicationPriority.STAT);

	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final Duration escalateAfter;

	UrgentMessages(JdbcTemplate jdbc, Clock clock, MessagingProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.escalateAfter = properties.escalateAfter();
	}

	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = InterceptorOrder.WATCH_URGENT_MESSAGES)
	public void created(IBaseResource resource, RequestDetails request) {
		watch(resource, request);
	}

	/** A message raised to urgent later waits from then; one already waiting keeps its time. */
	@Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = InterceptorOrder.WATCH_URGENT_MESSAGES)
	public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		watch(newResource, request);
	}

	private void watch(IBaseResource resource, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails || !(resource instanceof Communication message)
				|| !isUrgentTeamMessage(message)) {
			return;
		}
		jdbc.update("INSERT INTO zaitaku_message_escalation (message_id, due_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING",
				message.getIdElement().getIdPart(), Timestamp.from(clock.instant().plus(escalateAfter)));
	}

	static boolean isUrgentTeamMessage(Communication message) {
		return message.hasPriority() && URGENT.contains(message.getPriority()) && !Messages.isReceipt(message)
				&& !Messages.hasCategory(message, HomeCareGuide.MessageCategory.ESCALATION)
				&& !Messages.hasCategory(message, HomeCareGuide.MessageCategory.EMERGENCY_ACCESS);
	}
}
