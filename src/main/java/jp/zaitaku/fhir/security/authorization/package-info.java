/**
 * 認可サーバー: the embedded OAuth 2.0 authorization server: registered clients, backend-services tokens,
 * SMART app launches (standalone and EHR), consent, signing keys.
 */
package jp.zaitaku.fhir.security.authorization;
