package jp.zaitaku.fhir.messaging;

import java.util.List;
import jp.zaitaku.fhir.security.OperationScope;

/**
 * The scopes of the message operations: whoever may read team messages — a person's app
 * ({@code user/}), a patient-bound app ({@code patient/}) or a backend client ({@code system/}) — may
 * call them; what each caller reaches is decided by care-team access control inside the operation.
 */
final class MessageOperations {

	private MessageOperations() {}

	static List<OperationScope> readersOf(String operation, boolean typeLevel) {
		return List.of("user", "patient", "system").stream()
				.map(context -> new OperationScope(operation, "Communication", 'r', context, false, typeLevel)).toList();
	}
}
