/**
 * SMART on FHIR による認可: who may call the server and with which scopes. The interfaces here are what
 * security asks of care-team access control, which implements them.
 */
package jp.zaitaku.fhir.security;
