/**
 * FHIR エンドポイント: the FHIR endpoint at /fhir (HAPI's RestfulServer), bad input refused before HAPI
 * sees it, and the one order of every interceptor hook. Knows no feature.
 */
package jp.zaitaku.fhir.server;
