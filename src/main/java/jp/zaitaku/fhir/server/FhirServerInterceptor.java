package jp.zaitaku.fhir.server;

/**
 * Marker for Spring beans that are HAPI interceptors of the FHIR endpoint: every bean of this type
 * is registered on the RestfulServer, so a feature adds behaviour without touching {@code server/}.
 */
public interface FhirServerInterceptor {}
