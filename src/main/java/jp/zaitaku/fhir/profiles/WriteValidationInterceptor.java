package jp.zaitaku.fhir.profiles;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * Validates every client write (create, update, PATCH, conditional and transaction/batch entries)
 * of a profiled resource before it is stored; a resource that breaks a profile rule is refused with
 * 422 and an OperationOutcome listing each error with its element path and the rule broken, in the
 * caller's language. In a transaction the 422 rolls the whole Bundle back.
 *
 * <p>The storage hooks see the resource as it is about to be stored, so PATCH and conditional
 * updates are checked on their result, not their request body. Writes of the server itself (the
 * guide's own conformance resources, internal jobs) are not checked.
 */
@Component
public class WriteValidationInterceptor implements FhirServerInterceptor {

	/** A FHIRPath of plain names and indexes at the start of a message, followed by a colon. */
	private static final Pattern NAMED_ELEMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9\\[\\]]*)+): ");

	private final FhirContext fhirContext;
	private final LocalizedProfileValidator validator;
	private final ProfileValidationProperties properties;

	public WriteValidationInterceptor(
			FhirContext fhirContext, LocalizedProfileValidator validator, ProfileValidationProperties properties) {
		this.fhirContext = fhirContext;
		this.validator = validator;
		this.properties = properties;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = InterceptorOrder.VALIDATE_AGAINST_PROFILES)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		validate(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = InterceptorOrder.VALIDATE_AGAINST_PROFILES)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
		validate(newResource, request);
	}

	private void validate(IBaseResource resource, RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return;
		}
		String resourceType = fhirContext.getResourceType(resource);
		List<String> profiles = HomeCareProfiles.toValidate(resource, resourceType, properties.mode());
		if (profiles.isEmpty()) {
			return;
		}
		Locale language = ValidationLanguage.of(request.getHeader("Accept-Language"), properties.defaultLanguage());
		ValidationResult result = validator.validate(resource, profiles, language);
		List<SingleValidationMessage> errors = result.getMessages().stream()
				.filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
						|| message.getSeverity() == ResultSeverityEnum.FATAL)
				.toList();
		if (!errors.isEmpty()) {
			throw new UnprocessableEntityException(fhirContext, outcome(resourceType, profiles, errors, language));
		}
	}

	private OperationOutcome outcome(
			String resourceType, List<String> profiles, List<SingleValidationMessage> errors, Locale language) {
		OperationOutcome outcome = new OperationOutcome();
		new ValidationResult(fhirContext, errors).populateOperationOutcome(outcome);
		for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
			// The validator calls every issue "processing"; callers sort on the code, so say what it is.
			issue.setCode(isInvariant(issue) ? OperationOutcome.IssueType.INVARIANT : OperationOutcome.IssueType.STRUCTURE);
			pointAtTheMissingElement(issue);
		}
		outcome.getIssue().add(0, new OperationOutcome.OperationOutcomeIssueComponent()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(ValidationLanguage.summary(language, resourceType, profiles, errors.size())));
		return outcome;
	}

	/** A broken invariant (FHIRPath constraint): the validator's message ids for those start with INV_FAILED. */
	private static boolean isInvariant(OperationOutcome.OperationOutcomeIssueComponent issue) {
		return issue.getDetails().getCoding().stream().anyMatch(coding -> coding.getCode() != null && coding.getCode().startsWith("INV_FAILED"))
				|| (issue.getDiagnostics() != null && issue.getDiagnostics().contains("Constraint failed"));
	}

	/**
	 * For a missing element the validator points at its parent ({@code Communication}) and names the
	 * element only in the text ({@code "Communication.sender: minimum required = 1 ..."}); a client
	 * highlighting fields needs the element itself as the expression.
	 */
	private static void pointAtTheMissingElement(OperationOutcome.OperationOutcomeIssueComponent issue) {
		if (issue.getExpression().size() != 1 || issue.getDiagnostics() == null) {
			return;
		}
		String parent = issue.getExpression().get(0).getValue();
		Matcher named = NAMED_ELEMENT.matcher(issue.getDiagnostics());
		if (named.lookingAt() && named.group(1).startsWith(parent + ".")) {
			issue.getExpression().get(0).setValue(named.group(1));
		}
	}
}
