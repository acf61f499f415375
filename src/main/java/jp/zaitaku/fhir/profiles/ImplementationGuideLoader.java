package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.parameters.PartitionedUrl;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexJobParameters;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexUtils;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.SearchParameter;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import java.security.MessageDigest;
import java.util.HexFormat;
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
	/** Tag on the stored ImplementationGuide: the hash of the package it came from. */
	static final String PACKAGE_HASH_SYSTEM = "https://zaitaku-fhir.github.io/ig/package-hash";
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
		long started = System.nanoTime();
		Resource[] files = packageFiles();
		String packageHash = hashOf(files);
		if (alreadyLoaded(packageHash)) {
			log.info("Implementation guide jp.zaitaku.homecare already loaded (package {})", packageHash.substring(0, 12));
			return;
		}
		int loaded = 0;
		ImplementationGuide guide = null;
		for (Resource file : files) {
			IBaseResource resource = parse(file);
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
			guide.getMeta().addTag(PACKAGE_HASH_SYSTEM, packageHash, null);
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
				.add("_tag", new TokenParam(PACKAGE_HASH_SYSTEM, packageHash));
		return !dao.search(byHash, new SystemRequestDetails()).isEmpty();
	}

	/** SHA-256 over the package files in name order: changes whenever any file of the guide does. */
	private static String hashOf(Resource[] files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			Resource[] sorted = files.clone();
			java.util.Arrays.sort(sorted, java.util.Comparator.comparing(Resource::getFilename));
			for (Resource file : sorted) {
				digest.update(file.getFilename().getBytes(StandardCharsets.UTF_8));
				try (InputStream in = file.getInputStream()) {
					digest.update(in.readAllBytes());
				}
			}
			return HexFormat.of().formatHex(digest.digest());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
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
