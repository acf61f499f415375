/**
 * The administration API ({@code /admin}): clients, people who log in, their tokens and the
 * signing keys, managed without a file edit, a restart or SQL. Every call needs a token with the
 * scope {@code zaitaku-admin} and leaves an AuditEvent.
 */
package jp.zaitaku.fhir.admin;
