package jp.zaitaku.fhir.storage;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Makes HAPI's {@code $reindex} also rebuild the full-text index, which HAPI's job leaves as it is
 * (see {@link FullTextIndexRebuilder}); an operator who changed the analysis expects one command.
 */
@Component
@Interceptor
public class ReindexRebuildsFullTextInterceptor implements FhirServerInterceptor {

	private final FullTextIndexRebuilder rebuilder;

	public ReindexRebuildsFullTextInterceptor(FullTextIndexRebuilder rebuilder) {
		this.rebuilder = rebuilder;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = InterceptorOrder.REINDEX_REBUILDS_FULL_TEXT)
	public boolean afterReindexStarted(RequestDetails request) {
		if (request.getRestOperationType() == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
				&& ProviderConstants.OPERATION_REINDEX.equals(request.getOperation())) {
			rebuilder.start();
		}
		return true;
	}
}
