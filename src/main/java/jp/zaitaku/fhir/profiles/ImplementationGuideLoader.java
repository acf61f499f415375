package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrl;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.JpaConfig;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the home-care implementation guide (ig/, packaged into the jar as {@code ig-package/}) into
 * the server at start-up, offline, before it takes requests: its StructureDefinitions, CodeSystems,
 * ValueSets, NamingSystems and SearchParameters are stored like any resource, so HAPI validates
 * against them ({@code $validate}), lists the profiles in the CapabilityStatement and indexes the
 * SearchParameters on every write. Examples are not loaded. Storing an unchanged resource again
 * creates no new version, so a restart costs little.
 *
 * <p>Code systems the guide only refers to by URL (JP Core's profession codes, which cannot be
 * redistributed) are not on the server; codes from them are reported as warnings, not errors.
 */
@Component
public class ImplementationGuideLoader implements SmartInitializingSingleton {

	static final String PACKAGE_LOCATION = "classpath*:ig-package/*.json";
	private static final Set<String> CONFORMANCE_TYPES =
			Set.of("StructureDefinition", "CodeSystem", "ValueSet", "NamingSystem", "SearchParameter");
	private static final Logger log = LoggerFactory.getLogger(ImplementationGuideLoader.class);

	private final DaoRegistry daoRegistry;
	private final FhirContext fhirContext;
	private final ValidationSupportChain validationSupport;
	private final JpaStorageSettings storageSettings;
	private final ISearchParamRegistry searchParamRegistry;
	private final IJobCoordinator jobCoordinator;
	private final Set<String> changedSearchParameterBases = new java.util.TreeSet<>();

	public ImplementationGuideLoader(
			DaoRegistry daoRegistry,
			FhirContext fhirContext,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ValidationSupportChain validationSupport,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IJobCoordinator jobCoordinator) {
		this.daoRegistry = daoRegistry;
		this.fhirContext = fhirContext;
		this.validationSupport = validationSupport;
		this.storageSettings = storageSettings;
		this.searchParamRegistry = searchParamRegistry;
		this.jobCoordinator = jobCoordinator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
		unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		validationSupport.addValidationSupport(unknownCodeSystems);

		// A changed SearchParameter would schedule a reindex job, and HAPI registers its job
		// definitions only after start-up; reindexForChangedSearchParameters() re-indexes existing data then.
		boolean markForReindex = storageSettings.isMarkResourcesForReindexingUponSearchParameterChange();
		storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(false);
		try {
			loadPackage();
		} finally {
			storageSettings.setMarkResourcesForReindexingUponSearchParameterChange(markForReindex);
		}
		validationSupport.invalidateCaches();
		// The registry otherwise picks new SearchParameters up on its next scheduled refresh.
		searchParamRegistry.forceRefresh();
	}

	/**
	 * After start-up (HAPI's job definitions exist only then): existing resources are re-indexed for
	 * SearchParameters of the guide that are new or changed since the last start.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void reindexForChangedSearchParameters() {
		if (changedSearchParameterBases.isEmpty()) {
			return;
		}
		ReindexJobParameters parameters = new ReindexJobParameters();
		changedSearchParameterBases.forEach(base -> parameters.addPartitionedUrl(new PartitionedUrl()
				.setUrl(base + "?")
				.setRequestPartitionId(RequestPartitionId.defaultPartition())));
		JobInstanceStartRequest request = new JobInstanceStartRequest();
		request.setJobDefinitionId(ReindexUtils.JOB_REINDEX);
		request.setParameters(parameters);
		jobCoordinator.startInstance(new SystemRequestDetails(), request);
		log.info("Re-indexing {} for the guide's new or changed SearchParameters", changedSearchParameterBases);
	}

	private void loadPackage() {
		int loaded = 0;
		for (Resource file : packageFiles()) {
			IBaseResource resource = parse(file);
			String type = fhirContext.getResourceType(resource);
			if (CONFORMANCE_TYPES.contains(type)) {
				store(type, resource);
				loaded++;
			}
		}
		log.info("Implementation guide jp.zaitaku.homecare loaded: {} conformance resources", loaded);
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private void store(String type, IBaseResource resource) {
		IFhirResourceDao dao = daoRegistry.getResourceDao(type);
		DaoMethodOutcome outcome = dao.update(resource, new SystemRequestDetails());
		if (resource instanceof SearchParameter searchParameter && !outcome.isNop()) {
			searchParameter.getBase().forEach(base -> changedSearchParameterBases.add(base.getCode()));
		}
	}

	private IBaseResource parse(Resource file) {
		try (InputStream in = file.getInputStream()) {
			return fhirContext.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file, e);
		}
	}

	private static Resource[] packageFiles() {
		try {
			return new PathMatchingResourcePatternResolver().getResources(PACKAGE_LOCATION);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list the implementation guide package", e);
		}
	}
}
