package jp.zaitaku.fhir.storage;

import jp.zaitaku.fhir.server.FhirServerProperties;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import jp.zaitaku.fhir.storage.DatabaseSchemaMigrator;
import jp.zaitaku.fhir.storage.IndexOpenMarker;
import jp.zaitaku.fhir.storage.StorageProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI's JPA storage for FHIR R4 on the configured DataSource, with only the modules a caller uses:
 * the R4 DAOs and providers, batch jobs (for {@code $reindex}) and the full-text index.
 * MDM, clinical reasoning and the web tester are left out; the messaging feature adds HAPI's
 * subscription module.
 */
@Configuration(proxyBeanMethods = false)
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	ThreadPoolFactoryConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	// In-process message channels; batch2 ($reindex) runs its work chunks through them.
	SubscriptionChannelConfig.class
})
public class FhirJpaConfig {

	@Bean
	public JpaStorageSettings jpaStorageSettings(FhirServerProperties server) {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setHibernateSearchIndexFullText(true);
		settings.setAllowMultipleDelete(false);
		settings.setDeleteExpungeEnabled(false);
		settings.setExpungeEnabled(false);
		settings.setAllowExternalReferences(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
		settings.setDefaultSearchParamsCanBeOverridden(true);
		settings.setMarkResourcesForReindexingUponSearchParameterChange(true);
		settings.setMaximumExpansionSize(5000);
		// name:contains — Japanese names are often searched by a fragment (大泉 in 大泉学園).
		settings.setAllowContainsSearches(true);
		settings.setMaximumTransactionBundleSize(server.maxTransactionEntries());
		// A search answers from the database every time: a visiting nurse who has just posted a report
		// must see it in the team's next search, not a result list cached for a minute.
		settings.setReuseCachedSearchResultsForMillis(null);
		return settings;
	}

	/** Which Subscription channels are delivered is the messaging feature's to say (it adds rest-hook). */
	@Bean
	public SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	public DatabaseSchemaMigrator databaseSchemaMigrator(DataSource dataSource) {
		return new DatabaseSchemaMigrator(dataSource);
	}

	/** Created before, and so destroyed after, the EntityManagerFactory that closes the index. */
	@Bean
	public IndexOpenMarker indexOpenMarker(StorageProperties storage) {
		return new IndexOpenMarker(storage.luceneDir());
	}

	@Primary
	@Bean
	@DependsOn("indexOpenMarker")
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties,
			DataSource dataSource,
			DatabaseSchemaMigrator schemaMigrator) {
		schemaMigrator.migrate();
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaPropertyMap(jpaProperties.getProperties());
		return factory;
	}

	@Primary
	@Bean
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
