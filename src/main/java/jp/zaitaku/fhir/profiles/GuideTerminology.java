package jp.zaitaku.fhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.jpa.config.JpaConfig;
import jakarta.annotation.Nonnull;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Answers every terminology question about the guide's own CodeSystems and ValueSets in memory,
 * from the package in the jar, first in the server's validation chain.
 *
 * <p>Without it HAPI answers them from its terminology tables, whose state changes under the
 * server's own housekeeping: a {@code $reindex} re-stores every CodeSystem and ValueSet, HAPI's
 * scheduled pre-expansion then expands the ValueSets through the terminology's full-text index, and
 * an expansion made while that index lacks the concepts (a lost or rebuilt index directory, a
 * re-store in progress) is kept as "expanded, no codes". Until it was redone, every valid message
 * was refused with "No codes in ValueSet belong to CodeSystem". The guide is fixed for the life of
 * the process, so its terminology needs no database at all.
 *
 * <p>Codes of other systems a guide ValueSet lists (LOINC, HL7 v3, JP Core) are looked up through
 * the rest of the chain exactly as before.
 */
@Component
public class GuideTerminology implements IValidationSupport {

	private final FhirContext fhirContext;
	private final Map<String, CodeSystem> codeSystems;
	private final Map<String, ValueSet> valueSets;
	private final InMemoryTerminologyServerValidationSupport inMemory;

	public GuideTerminology(
			FhirContext fhirContext,
			GuidePackage guide,
			@Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ValidationSupportChain serverChain) {
		this.fhirContext = fhirContext;
		this.codeSystems = guide.ofType(CodeSystem.class).stream()
				.collect(Collectors.toUnmodifiableMap(CodeSystem::getUrl, Function.identity()));
		this.valueSets = guide.ofType(ValueSet.class).stream()
				.collect(Collectors.toUnmodifiableMap(ValueSet::getUrl, Function.identity()));
		this.inMemory = new InMemoryTerminologyServerValidationSupport(fhirContext);
		serverChain.addValidationSupport(0, this);
		// Code systems the guide only names (JP Core's, which cannot be redistributed) are not on the
		// server: a code from one is a warning, not an error.
		UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
		unknownCodeSystems.setNonExistentCodeSystemSeverity(IssueSeverity.WARNING);
		serverChain.addValidationSupport(unknownCodeSystems);
	}

	@Override
	public String getName() {
		return "Zaitaku guide terminology (in memory)";
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return codeSystems.containsKey(withoutVersion(system));
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
		return valueSets.containsKey(withoutVersion(valueSetUrl));
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		return codeSystems.get(withoutVersion(system));
	}

	@Override
	public IBaseResource fetchValueSet(String valueSetUrl) {
		return valueSets.get(withoutVersion(valueSetUrl));
	}

	@Override
	public CodeValidationResult validateCode(
			@Nonnull ValidationSupportContext context, @Nonnull ConceptValidationOptions options,
			String system, String code, String display, String valueSetUrl) {
		boolean ours = valueSetUrl == null || valueSetUrl.isBlank()
				? codeSystems.containsKey(withoutVersion(system))
				: valueSets.containsKey(withoutVersion(valueSetUrl));
		return ours ? inMemory.validateCode(context, options, system, code, display, valueSetUrl) : null;
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(
			ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, @Nonnull IBaseResource valueSet) {
		return isOurs(valueSet)
				? inMemory.validateCodeInValueSet(context, options, system, code, display, valueSet)
				: null;
	}

	@Override
	public LookupCodeResult lookupCode(ValidationSupportContext context, @Nonnull LookupCodeRequest request) {
		return codeSystems.containsKey(withoutVersion(request.getSystem())) ? inMemory.lookupCode(context, request) : null;
	}

	@Override
	public ValueSetExpansionOutcome expandValueSet(
			ValidationSupportContext context, ValueSetExpansionOptions options, @Nonnull IBaseResource valueSet) {
		return isOurs(valueSet) ? inMemory.expandValueSet(context, options, valueSet) : null;
	}

	private boolean isOurs(IBaseResource valueSet) {
		return valueSet instanceof ValueSet r4 && r4.hasUrl() && valueSets.containsKey(withoutVersion(r4.getUrl()));
	}

	private static String withoutVersion(String canonical) {
		if (canonical == null) {
			return "";
		}
		int bar = canonical.indexOf('|');
		return bar < 0 ? canonical : canonical.substring(0, bar);
	}
}
