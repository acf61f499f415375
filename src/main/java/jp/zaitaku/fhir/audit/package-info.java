/**
 * 監査証跡 (安全管理ガイドライン): an AuditEvent for every request that touches patient data, allowed or
 * refused, kept in its own table and readable only.
 */
package jp.zaitaku.fhir.audit;
