package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.zaitaku.fhir.server.FhirOperationProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/$reindex-fulltext} starts a rebuild of the full-text index in the background;
 * {@code GET} reports its progress. {@code $reindex} starts one too.
 */
@Component
public class FullTextReindexProvider implements FhirOperationProvider {

	public static final String OPERATION = "$reindex-fulltext";

	private final FullTextIndexRebuilder rebuilder;

	public FullTextReindexProvider(FullTextIndexRebuilder rebuilder) {
		this.rebuilder = rebuilder;
	}

	@Operation(name = OPERATION, idempotent = true)
	public Parameters reindexFullText(RequestDetails request) {
		FullTextIndexRebuilder.Status status =
				request.getRequestType() == RequestTypeEnum.POST ? rebuilder.start() : rebuilder.status();
		return toParameters(status);
	}

	static Parameters toParameters(FullTextIndexRebuilder.Status status) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("running").setValue(new BooleanType(status.running()));
		parameters.addParameter().setName("indexed").setValue(new IntegerType(Math.toIntExact(Math.min(Integer.MAX_VALUE, status.indexed()))));
		if (status.startedAt() != null) {
			parameters.addParameter().setName("startedAt").setValue(new InstantType(java.util.Date.from(status.startedAt())));
		}
		if (status.finishedAt() != null) {
			parameters.addParameter().setName("finishedAt").setValue(new InstantType(java.util.Date.from(status.finishedAt())));
		}
		if (status.error() != null) {
			parameters.addParameter().setName("error").setValue(new StringType(status.error()));
		}
		return parameters;
	}
}
