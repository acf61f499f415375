package jp.zaitaku.fhir.security.authorization;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a start refused for the key-encryption key as Spring Boot's "APPLICATION FAILED TO START": what, and what to do. */
class KeyEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<KeyEncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KeyEncryptionKeyException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}
}
