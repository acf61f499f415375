package jp.zaitaku.fhir.security;

import java.util.List;

/** An operation provider that says which SMART scopes allow its operation (see {@link OperationScope}). */
public interface ScopedOperation {

	OperationScope operationScope();

	/** Every scope that allows the operation, when more than one context ({@code user}, {@code patient}, {@code system}) may call it. */
	default List<OperationScope> operationScopes() {
		return List.of(operationScope());
	}
}
