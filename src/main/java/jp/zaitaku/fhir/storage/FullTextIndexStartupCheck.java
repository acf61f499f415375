package jp.zaitaku.fhir.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, brings the full-text index up to date with the database when {@link FullTextIndexLag}
 * says it is behind (a new index directory, another analysis, an abrupt stop), and only then lets the
 * server report itself ready.
 *
 * <p>The wait happens inside the {@link ApplicationReadyEvent}: Spring Boot switches readiness to
 * "accepting traffic" after that event's listeners return. The API already answers meanwhile, except
 * full-text searches, which answer 503 until the catch-up is done.
 */
@Component
public class FullTextIndexStartupCheck {

	private static final Logger log = LoggerFactory.getLogger(FullTextIndexStartupCheck.class);

	private final FullTextIndexRebuilder rebuilder;
	private final FullTextIndexLag lag;

	public FullTextIndexStartupCheck(FullTextIndexRebuilder rebuilder, FullTextIndexLag lag) {
		this.rebuilder = rebuilder;
		this.lag = lag;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void catchUpBeforeReady() throws Exception {
		if (lag.behindSince().isEmpty()) {
			return;
		}
		rebuilder.start(lag.behindSince().get());
		FullTextIndexRebuilder.Status done = rebuilder.awaitCompletion();
		if (lag.isBehind() && !rebuilder.isStopping()) {
			log.error("The full-text index could not catch up with the database ({}); full-text searches answer 503 and"
					+ " the server is not ready until POST /fhir/{} succeeds", done.error(), FullTextReindexProvider.OPERATION);
		}
	}
}
