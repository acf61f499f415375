package jp.zaitaku.fhir.storage;

import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;

/**
 * Adds our fields to HAPI's full-text document of a resource, without touching HAPI's entity
 * (named by {@code hibernate.search.mapping.configurer} in application.yaml).
 */
public class FullTextMappingConfigurer implements HibernateOrmSearchMappingConfigurer {

	@Override
	public void configure(HibernateOrmMappingConfigurationContext context) {
		context.programmaticMapping().type(ResourceTable.class).property("myResourceLinks").binder(new ResourceLinkTerms());
	}
}
