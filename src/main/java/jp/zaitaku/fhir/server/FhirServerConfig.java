package jp.zaitaku.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.batch2.jobs.bulkmodify.reindex.ReindexProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;

/** The FHIR endpoint at {@code /fhir}: HAPI's RestfulServer with the JPA providers and our interceptors. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfig {

	public static final String SERVER_NAME = "Zaitaku FHIR";
	public static final String FHIR_PATH = "/fhir";

	@Bean
	public RestfulServer fhirRestfulServer(
			IFhirSystemDao<?, ?> systemDao,
			IJpaSystemProvider systemProvider,
			ResourceProviderFactory resourceProviders,
			ReindexProvider reindexProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			FhirServerProperties properties,
			ObjectProvider<BuildProperties> buildProperties,
			List<FhirServerInterceptor> interceptors,
			List<FhirOperationProvider> operationProviders) {
		FhirContext fhirContext = systemDao.getContext();
		// Stored narratives are kept as sent; generating new ones costs CPU on every write for no caller.
		fhirContext.setNarrativeGenerator((INarrativeGenerator) null);

		RestfulServer server = new RestfulServer(fhirContext);
		server.setServerName(SERVER_NAME);
		server.setServerVersion(version(buildProperties));
		server.setImplementationDescription(SERVER_NAME + " — 在宅医療・介護連携 FHIR R4 server");
		server.registerProviders(jpaProvidersNotReplaced(resourceProviders, operationProviders, fhirContext));
		server.registerProvider(systemProvider);
		server.registerProvider(reindexProvider);
		operationProviders.forEach(server::registerProvider);

		JpaCapabilityStatementProvider capabilityStatement = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilityStatement.setImplementationDescription(SERVER_NAME);
		server.setServerConformanceProvider(capabilityStatement);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setServerAddressStrategy(
				properties.publicBaseUrl().isBlank()
						? new IncomingRequestAddressStrategy()
						: new HardcodedServerAddressStrategy(properties.publicBaseUrl()));

		server.registerInterceptor(new ResponseHighlighterInterceptor());
		if (!properties.corsAllowedOrigins().isEmpty()) {
			server.registerInterceptor(corsInterceptor(properties.corsAllowedOrigins()));
		}
		interceptors.forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
		registration.setName("fhir");
		// Initialise at start-up, not on the first request: the first caller should not pay for it.
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
			FhirServerProperties properties, FhirContext fhirContext) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestSize().toBytes(), fhirContext));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		return registration;
	}

	@Bean
	public FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter(FhirContext fhirContext) {
		FilterRegistrationBean<MalformedRequestFilter> registration =
				new FilterRegistrationBean<>(new MalformedRequestFilter(fhirContext));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		return registration;
	}

	/**
	 * HAPI's JPA resource providers, except for the types a feature serves with a resource provider
	 * of its own (a {@link FhirOperationProvider} that is an {@link IResourceProvider}): HAPI allows one
	 * provider per type.
	 */
	private static List<Object> jpaProvidersNotReplaced(
			ResourceProviderFactory resourceProviders, List<FhirOperationProvider> operationProviders, FhirContext fhirContext) {
		Set<String> replaced = operationProviders.stream()
				.filter(IResourceProvider.class::isInstance)
				.map(provider -> fhirContext.getResourceType(((IResourceProvider) provider).getResourceType()))
				.collect(Collectors.toSet());
		return resourceProviders.createProviders().stream()
				.filter(provider -> !(provider instanceof IResourceProvider typed
						&& replaced.contains(fhirContext.getResourceType(typed.getResourceType()))))
				.toList();
	}

	private static String version(ObjectProvider<BuildProperties> buildProperties) {
		BuildProperties build = buildProperties.getIfAvailable();
		return build == null ? "dev" : build.getVersion();
	}

	private static CorsInterceptor corsInterceptor(List<String> allowedOrigins) {
		CorsConfiguration cors = new CorsConfiguration();
		allowedOrigins.forEach(cors::addAllowedOriginPattern);
		cors.addAllowedHeader("*");
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
		cors.addExposedHeader("Location");
		cors.addExposedHeader("Content-Location");
		cors.addExposedHeader("ETag");
		cors.addExposedHeader("Last-Modified");
		return new CorsInterceptor(cors);
	}
}
