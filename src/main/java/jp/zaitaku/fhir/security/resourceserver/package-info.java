/**
 * 保護されたFHIRエンドポイント: /fhir as an OAuth resource server: which tokens it accepts, 401 answers,
 * the discovery documents, and the open development mode.
 */
package jp.zaitaku.fhir.security.resourceserver;
