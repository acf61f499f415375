package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrl;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the home-care implementation guide (ig/, packaged into the jar as {@code ig-package/}) into
 * the server at start-up, offline, before it takes requests: its StructureDefinitions, CodeSystems,
 * ValueSets, NamingSystems and SearchParameters are stored like any resource, so HAPI validates
 * against them ({@code $validate}), lists the profiles in the CapabilityStatement and indexes the
 * SearchParameters on every write. Examples are not loaded. Storing an unchanged resource again
 * creates no new version, so a restart costs little. (Codes are checked against the guide's
 * terminology in memory, by {@link GuideTerminology}, not against these stored copies.)
 */
@Component
public class ImplementationGuideLoader implements SmartInitializingSingleton {

	private static final Set<String> CONFORMANCE_TYPES =
			Set.of("StructureDefinition", "CodeSystem", "ValueSet", "NamingSystem", "SearchParameter", "CapabilityStatement");
	private static final Logger log = LoggerFactory.getLogger(ImplementationGuideLoader.class);

	private final DaoRegistry daoRegistry;
	private final FhirContext fhirContext;
	private final ValidationSupportChain validationSupport;
	private final JpaStorageSettings storageSettings;
	private final ISearchParamRegistry searchParamRegistry;
	private final IJobCoordinator jobCoordinator;
	private final GuidePackage guidePackage;
	private final Set<String> changedSearchParameterBases = new TreeSet<>();

	public ImplementationGuideLoader(
			DaoRegistry daoRegistry,
			FhirContext fhirContext,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ValidationSupportChain validationSupport,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IJobCoordinator jobCoordinator,
			GuidePackage guidePackage) {
		this.daoRegistry = daoRegistry;
		this.fhirContext = fhirContext;
		this.validationSupport = validationSupport;
		this.storageSettings = storageSettings;
		this.searchParamRegistry = searchParamRegistry;
		this.jobCoordinator = jobCoordinator;
		this.guidePackage = guidePackage;
	}

	@Override
	public void afterSingletonsInstantiated() {
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
		long started = System.nanoTime();
		String packageHash = guidePackage.hash();
		if (alreadyLoaded(packageHash)) {
			log.info("Implementation guide jp.zaitaku.homecare already loaded (package {})", packageHash.substring(0, 12));
			return;
		}
		int loaded = 0;
		ImplementationGuide guide = null;
		for (IBaseResource packaged : guidePackage.resources()) {
			// A copy: the package's own objects are shared with the in-memory terminology.
			IBaseResource resource = fhirContext.newTerser().clone(packaged);
			String type = fhirContext.getResourceType(resource);
			if (resource instanceof ImplementationGuide implementationGuide) {
				guide = implementationGuide;
			} else if (CONFORMANCE_TYPES.contains(type)) {
				store(type, resource);
				loaded++;
			}
		}
		if (guide != null) {
			// Stored last, marked with the package's hash: the next start skips an unchanged package.
			// Its resource list is left out: it names the examples, which are not loaded.
			guide.setDefinition(null);
			guide.getMeta().addTag(HomeCareGuide.ServerTags.PACKAGE_HASH, packageHash, null);
			store("ImplementationGuide", guide);
		}
		log.info("Implementation guide jp.zaitaku.homecare loaded: {} conformance resources in {} ms",
				loaded, (System.nanoTime() - started) / 1_000_000);
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private void store(String type, IBaseResource resource) {
		IFhirResourceDao dao = daoRegistry.getResourceDao(type);
		DaoMethodOutcome outcome = dao.update(resource, new SystemRequestDetails());
		if (resource instanceof SearchParameter searchParameter && !outcome.isNop()) {
			searchParameter.getBase().forEach(base -> changedSearchParameterBases.add(base.getCode()));
		}
	}

	private boolean alreadyLoaded(String packageHash) {
		IFhirResourceDao<ImplementationGuide> dao = daoRegistry.getResourceDao(ImplementationGuide.class);
		SearchParameterMap byHash = SearchParameterMap.newSynchronous()
				.add("_tag", new TokenParam(HomeCareGuide.ServerTags.PACKAGE_HASH, packageHash));
		return !dao.search(byHash, new SystemRequestDetails()).isEmpty();
	}
}
