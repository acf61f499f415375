package jp.zaitaku.fhir.security;

/**
 * Which SMART scope lets a caller invoke a feature's operation: {@code $break-the-glass} on a
 * Patient needs a {@code user/} scope that may read Patients. A feature's operation provider declares
 * it ({@link ScopedOperation}) and the scope rules are made from every declaration, so a new operation
 * needs no edit of the scope rules.
 *
 * @param operation the operation's name with its {@code $}
 * @param resourceType the type it is invoked on
 * @param permission the SMART permission on that type the scope must grant ({@code c r u d s})
 * @param context {@code system}, {@code user} or {@code patient}: whose tokens may call it
 * @param unrestrictedScopeOnly whether a scope narrowed by a query ({@code ?category=...}) is not enough
 * @param typeLevel invoked on the type ({@code Communication/$unread}) rather than on an instance; such an
 *     operation answers only within the caller's reach by itself, which is why access control lets
 *     callers limited to their patients call it
 */
public record OperationScope(String operation, String resourceType, char permission, String context, boolean unrestrictedScopeOnly,
		boolean typeLevel) {

	/** An instance operation. */
	public OperationScope(String operation, String resourceType, char permission, String context, boolean unrestrictedScopeOnly) {
		this(operation, resourceType, permission, context, unrestrictedScopeOnly, false);
	}
}
