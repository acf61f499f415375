/**
 * スコープ: SMART scopes (v1 and v2) and how they become HAPI authorization rules (403 beyond them).
 */
package jp.zaitaku.fhir.security.scopes;
