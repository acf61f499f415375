package jp.zaitaku.fhir.security;

/** An operation provider that says which SMART scope allows its operation (see {@link OperationScope}). */
public interface ScopedOperation {

	OperationScope operationScope();
}
