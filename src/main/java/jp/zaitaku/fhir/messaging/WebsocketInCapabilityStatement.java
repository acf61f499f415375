package jp.zaitaku.fhir.messaging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

/**
 * The CapabilityStatement says where the websocket channel is (the standard extension
 * {@code capabilitystatement-websocket}): {@code wss://host/websocket} for the host the caller used, or
 * for the configured public URL behind a proxy.
 */
@Component
class WebsocketInCapabilityStatement implements FhirServerInterceptor {

	static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/capabilitystatement-websocket";

	private final FhirBaseUrl urls;

	WebsocketInCapabilityStatement(FhirBaseUrl urls) {
		this.urls = urls;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.CAPABILITY_STATEMENT_WEBSOCKET)
	public void describeWebsocket(RequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
				|| !(response.getResponseResource() instanceof CapabilityStatement generated) || generated.getRest().isEmpty()) {
			return;
		}
		CapabilityStatement statement = generated.copy();
		CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
		rest.getExtension().removeIf(extension -> EXTENSION.equals(extension.getUrl()));
		rest.addExtension(EXTENSION, new UriType(urls.issuer().replaceFirst("^http", "ws") + WebsocketNotifications.PATH));
		response.setResponseResource(statement);
	}
}
