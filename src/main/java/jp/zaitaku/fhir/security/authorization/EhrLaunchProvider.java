package jp.zaitaku.fhir.security.authorization;

import jp.zaitaku.fhir.security.OperationScope;
import jp.zaitaku.fhir.security.ScopedOperation;
import jp.zaitaku.fhir.security.SecurityEnabled;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Patient/{id}/$smart-launch} (parameter {@code client_id}, optional
 * {@code encounter}): an EHR registers the patient it is opening a SMART app for, and which app, and
 * gets the {@code launch} id to pass to the app (EHR launch). Only that app can use the id, so a launch
 * id seen by another app (in a browser's history, a log) opens nothing. Allowed for backend clients
 * that may read that patient.
 */
@Component
@SecurityEnabled
public class EhrLaunchProvider implements FhirOperationProvider, ScopedOperation {

	static final String OPERATION = "$smart-launch";

	private final EhrLaunches launches;
	private final DaoRegistry daos;
	private final RegisteredClientRepository clients;

	public EhrLaunchProvider(EhrLaunches launches, DaoRegistry daos, RegisteredClientRepository clients) {
		this.launches = launches;
		this.daos = daos;
		this.clients = clients;
	}

	/** An EHR whose scopes may read any patient (no query narrowing) may open an app for one. */
	@Override
	public OperationScope operationScope() {
		return new OperationScope(OPERATION, "Patient", 'r', "system", true);
	}

	@Operation(name = OPERATION, typeName = "Patient", idempotent = false)
	public Parameters launch(@IdParam IdType patientId,
			@OperationParam(name = "client_id", min = 0, max = 1) StringType clientId,
			@OperationParam(name = "encounter", min = 0, max = 1) Reference encounter,
			RequestDetails request) {
		String app = launchedApp(clientId);
		// The patient must exist (a 404 otherwise), read with the caller's own request details.
		daos.getResourceDao("Patient").read(patientId.toUnqualifiedVersionless(), request);
		String encounterId = null;
		if (encounter != null && encounter.getReferenceElement().hasIdPart()) {
			Encounter found = (Encounter) daos.getResourceDao("Encounter").read(
					new IdType("Encounter", encounter.getReferenceElement().getIdPart()), request);
			if (!patientId.getIdPart().equals(found.getSubject().getReferenceElement().getIdPart())) {
				throw new InvalidRequestException("The encounter is not this patient's.");
			}
			encounterId = found.getIdElement().getIdPart();
		}
		String createdBy = SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
				? token.getToken().getClaimAsString("client_id") : "unknown";
		String launchId = launches.create(patientId.getIdPart(), encounterId, app, createdBy);
		Parameters answer = new Parameters();
		answer.addParameter().setName("launch").setValue(new StringType(launchId));
		answer.addParameter().setName("expiresInSeconds").setValue(new org.hl7.fhir.r4.model.IntegerType((int) EhrLaunches.LIFETIME.toSeconds()));
		return answer;
	}

	/** The registered app the EHR is launching: it must exist and be registered for the EHR launch. */
	private String launchedApp(StringType clientId) {
		if (clientId == null || clientId.isEmpty()) {
			throw new InvalidRequestException("Name the app being launched: parameter client_id (its registered client id).");
		}
		RegisteredClient app = clients.findByClientId(clientId.getValue());
		if (app == null || !app.getScopes().contains("launch")) {
			throw new InvalidRequestException("client_id is not a registered app with the scope launch: " + clientId.getValue());
		}
		return app.getClientId();
	}
}
