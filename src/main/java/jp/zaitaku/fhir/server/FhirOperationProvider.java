package jp.zaitaku.fhir.server;

/**
 * Marker for Spring beans that are HAPI plain providers (operations such as {@code $reindex-fulltext}):
 * every bean of this type is registered on the RestfulServer. One that is also an {@code IResourceProvider}
 * serves its resource type instead of HAPI's JPA provider.
 */
public interface FhirOperationProvider {}
