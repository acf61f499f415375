package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;

/**
 * 503 to a full-text search while the index is known to miss writes: an incomplete answer would look
 * like a complete one, so the caller is told to come back instead.
 */
public class FullTextIndexBehindException extends BaseServerResponseException {

	static final int RETRY_AFTER_SECONDS = 30;

	public FullTextIndexBehindException(Instant behindSince) {
		super(503, "Full-text search (_content, _text) is unavailable while the full-text index catches up with the"
				+ " database (resources updated since " + behindSince + "); try again shortly");
		addResponseHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
	}
}
