package jp.zaitaku.fhir.security.resourceserver;

import jp.zaitaku.fhir.security.FhirBaseUrl;
import jp.zaitaku.fhir.security.SecurityEnabled;
import jp.zaitaku.fhir.security.SecurityProperties;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import jp.zaitaku.fhir.server.InterceptorOrder;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

/**
 * The CapabilityStatement's {@code rest.security}: SMART on FHIR, with the OAuth endpoints in the
 * (SMART v1) {@code oauth-uris} extension for clients that do not read the smart-configuration.
 *
 * <p>Written into each answer, not into the statement HAPI generates: HAPI keeps one generated
 * statement for every caller and regenerates it on a background thread, where there is no request
 * whose host could name the endpoints (the issuer is the caller's host unless one is configured).
 */
@Component
@SecurityEnabled
class CapabilityStatementSecurity implements FhirServerInterceptor {

	private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

	private final FhirBaseUrl urls;
	private final SecurityProperties.ExternalIssuer external;

	CapabilityStatementSecurity(FhirBaseUrl urls, SecurityProperties properties) {
		this.urls = urls;
		this.external = properties.external();
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.CAPABILITY_STATEMENT_SECURITY)
	public void describeSecurity(RequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() != RestOperationTypeEnum.METADATA
				|| !(response.getResponseResource() instanceof CapabilityStatement generated)
				|| generated.getRest().isEmpty()) {
			return;
		}
		CapabilityStatement statement = generated.copy();
		String issuer = urls.issuer();
		statement.getImplementation().setUrl(issuer + FhirBaseUrl.FHIR_PATH);
		CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
		security.setCors(true);
		security.getService().clear();
		security.addService(new CodeableConcept().addCoding(
				new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
		security.setDescription("SMART on FHIR (App Launch 2.x, Backend Services). See " + issuer
				+ SmartConfiguration.PATH + " / SMART on FHIR で保護されています。");
		security.getExtension().removeIf(extension -> OAUTH_URIS.equals(extension.getUrl()));
		Extension endpoints = security.addExtension().setUrl(OAUTH_URIS);
		if (external.configured()) {
			endpoints.addExtension("token", new UriType(external.tokenEndpoint()));
			endpoints.addExtension("authorize", new UriType(external.authorizationEndpoint()));
		} else {
			endpoints.addExtension("token", new UriType(issuer + "/oauth2/token"));
			endpoints.addExtension("authorize", new UriType(issuer + "/oauth2/authorize"));
			endpoints.addExtension("introspect", new UriType(issuer + "/oauth2/introspect"));
			endpoints.addExtension("revoke", new UriType(issuer + "/oauth2/revoke"));
		}
		response.setResponseResource(statement);
	}
}
