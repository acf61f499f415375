package jp.zaitaku.fhir.profiles;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.Test;

/** The guide's codes are answered from the package in memory, whatever the database holds. */
class GuideTerminologyTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String MESSAGE_CATEGORY = "https://zaitaku-fhir.github.io/ig/CodeSystem/message-category";
	private static final String MESSAGE_CATEGORIES = "https://zaitaku-fhir.github.io/ig/ValueSet/message-category";

	private final ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR));
	private final GuideTerminology terminology = new GuideTerminology(FHIR, new GuidePackage(FHIR), chain);
	private final ValidationSupportContext context = new ValidationSupportContext(chain);

	private CodeValidationResult validate(String system, String code, String valueSet) {
		return chain.validateCode(context, new ConceptValidationOptions(), system, code, null, valueSet);
	}

	@Test
	void aCodeOfTheGuideIsFoundInItsValueSetWithoutAnyDatabase() {
		CodeValidationResult instruction = validate(MESSAGE_CATEGORY, "instruction", MESSAGE_CATEGORIES);
		assertTrue(instruction.isOk(), instruction::getMessage);
		assertEquals("instruction", instruction.getCode());
	}

	@Test
	void anUnknownCodeOfTheGuideIsAnError() {
		CodeValidationResult unknown = validate(MESSAGE_CATEGORY, "gossip", MESSAGE_CATEGORIES);
		assertFalse(unknown.isOk());
		assertThat(unknown.getMessage(), containsString("gossip"));
	}

	@Test
	void aCodeOfAnotherSystemListedByAGuideValueSetIsStillChecked() {
		String encounterClasses = "https://zaitaku-fhir.github.io/ig/ValueSet/encounter-class";
		String actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
		assertTrue(validate(actCode, "HH", encounterClasses).isOk());
		assertFalse(validate(actCode, "IMP-NOT-A-CODE", encounterClasses).isOk());
	}

	@Test
	void theGuideSitsFirstInTheChainAndLeavesOtherTerminologyToTheRest() {
		assertTrue(terminology.isValueSetSupported(context, MESSAGE_CATEGORIES + "|0.1.0"));
		assertFalse(terminology.isValueSetSupported(context, "http://hl7.org/fhir/ValueSet/administrative-gender"));
		assertNull(terminology.validateCode(context, new ConceptValidationOptions(),
				"http://hl7.org/fhir/administrative-gender", "female", null, "http://hl7.org/fhir/ValueSet/administrative-gender"));
	}
}
