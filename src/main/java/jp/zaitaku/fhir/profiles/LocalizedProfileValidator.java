package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.validation.ValidatorPolicyAdvisor;
import ca.uhn.fhir.jpa.validation.ValidatorResourceFetcher;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Validates a resource against given profiles with the messages in Japanese or English.
 *
 * <p>The FHIR validator takes its message language from its worker context, which HAPI builds once
 * per FhirContext (English). The Japanese validator therefore gets a worker context of its own that
 * reports Japanese; both share the server's validation support chain (profiles, terminology and
 * their caches) and HAPI's JPA reference fetcher, so they give the same verdicts.
 *
 * <p>At most {@link ProfileValidationProperties#concurrency()} validations run at once: each one
 * allocates tens of megabytes while it runs, and eight writers validating 50-entry transactions at
 * once ran a 512 MB heap out of memory; on a CPU-bound task more threads than cores gain nothing.
 */
@Component
public class LocalizedProfileValidator {

	private final FhirValidator english;
	private final FhirValidator japanese;
	private final Semaphore running;

	public LocalizedProfileValidator(
			FhirContext fhirContext,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) IValidationSupport validationSupport,
			@Qualifier("myInstanceValidator") IInstanceValidatorModule hapiInstanceValidator,
			ValidatorResourceFetcher resourceFetcher,
			ValidatorPolicyAdvisor policyAdvisor,
			ProfileValidationProperties properties) {
		this.running = new Semaphore(properties.concurrency(), true);
		this.english = fhirContext.newValidator().registerValidatorModule(hapiInstanceValidator);

		WorkerContextValidationSupportAdapter japaneseContext = new WorkerContextValidationSupportAdapter() {
			@Override
			public Locale getLocale() {
				return Locale.JAPANESE;
			}
		};
		japaneseContext.setValidationSupport(validationSupport);
		FhirInstanceValidator japaneseModule = new FhirInstanceValidator(fhirContext);
		japaneseModule.setWrappedWorkerContext(validationSupport, japaneseContext);
		japaneseModule.setValidatorResourceFetcher(resourceFetcher);
		japaneseModule.setValidatorPolicyAdvisor(policyAdvisor);
		japaneseModule.setBestPracticeWarningLevel(BestPracticeWarningLevel.Warning);
		this.japanese = fhirContext.newValidator().registerValidatorModule(japaneseModule);
	}

	public ValidationResult validate(IBaseResource resource, List<String> profiles, Locale language) {
		ValidationOptions options = new ValidationOptions();
		profiles.forEach(options::addProfile);
		FhirValidator validator = Locale.JAPANESE.getLanguage().equals(language.getLanguage()) ? japanese : english;
		running.acquireUninterruptibly();
		try {
			return validator.validateWithResult(resource, options);
		} finally {
			running.release();
		}
	}
}
