package jp.zaitaku.fhir.access;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The reach rules of the R4 resource types the base server serves. A feature that gives a type a
 * meaning of its own (the on-call rota's Schedule and Slot, say) moves the type's rule into its own
 * {@link ReachRuleSet}.
 */
@Component
class CoreReachRules implements ReachRuleSet {

	/** R4's Patient compartment: the patients are found through the compartment's search parameters. */
	private static final List<String> PATIENT_COMPARTMENT = List.of("Account", "AdverseEvent", "AllergyIntolerance",
			"Appointment", "AppointmentResponse", "Basic", "BodyStructure", "CarePlan", "CareTeam", "ChargeItem", "Claim",
			"ClaimResponse", "ClinicalImpression", "Communication", "CommunicationRequest", "Composition", "Condition",
			"Consent", "Coverage", "CoverageEligibilityRequest", "CoverageEligibilityResponse", "DetectedIssue", "Device",
			"DeviceRequest", "DeviceUseStatement", "DiagnosticReport", "DocumentManifest", "DocumentReference", "Encounter",
			"EnrollmentRequest", "EpisodeOfCare", "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal", "Group",
			"ImagingStudy", "Immunization", "ImmunizationEvaluation", "ImmunizationRecommendation", "Invoice", "List",
			"MeasureReport", "Media", "MedicationAdministration", "MedicationDispense", "MedicationRequest",
			"MedicationStatement", "MolecularSequence", "NutritionOrder", "Observation", "Patient", "Person", "Procedure",
			"Provenance", "QuestionnaireResponse", "RelatedPerson", "RequestGroup", "ResearchSubject", "RiskAssessment",
			"Schedule", "ServiceRequest", "Specimen", "SupplyDelivery", "SupplyRequest", "VisionPrescription");

	/** Terminology, profiles, forms and plans every team member needs and no patient owns. */
	private static final List<String> SHARED = List.of("ActivityDefinition", "CapabilityStatement", "CodeSystem",
			"ConceptMap", "ImplementationGuide", "Library", "Medication", "NamingSystem", "OperationDefinition",
			"PlanDefinition", "Questionnaire", "SearchParameter", "StructureDefinition", "Substance", "ValueSet");

	/** Who is who: maintained by administrators. */
	private static final List<String> DIRECTORY = List.of("Endpoint", "HealthcareService", "Location", "Organization",
			"Practitioner", "PractitionerRole");

	/** No role in home care yet: open to callers who reach every patient only. */
	private static final List<String> EVERY_PATIENT_ONLY = List.of("BiologicallyDerivedProduct", "Bundle",
			"CatalogEntry", "ChargeItemDefinition", "CompartmentDefinition", "Contract", "DeviceDefinition", "DeviceMetric",
			"EffectEvidenceSynthesis", "EnrollmentResponse", "EventDefinition", "Evidence", "EvidenceVariable",
			"ExampleScenario", "GraphDefinition", "GuidanceResponse", "InsurancePlan", "Linkage", "Measure",
			"MedicationKnowledge", "MedicinalProduct", "MedicinalProductAuthorization", "MedicinalProductContraindication",
			"MedicinalProductIndication", "MedicinalProductIngredient", "MedicinalProductInteraction",
			"MedicinalProductManufactured", "MedicinalProductPackaged", "MedicinalProductPharmaceutical",
			"MedicinalProductUndesirableEffect", "MessageDefinition", "MessageHeader", "ObservationDefinition",
			"OperationOutcome", "OrganizationAffiliation", "Parameters", "PaymentNotice", "PaymentReconciliation",
			"ResearchDefinition", "ResearchElementDefinition", "ResearchStudy", "RiskEvidenceSynthesis", "Slot",
			"SpecimenDefinition", "StructureMap", "SubstanceNucleicAcid", "SubstancePolymer",
			"SubstanceProtein", "SubstanceReferenceInformation", "SubstanceSourceMaterial", "SubstanceSpecification",
			"TerminologyCapabilities", "TestReport", "TestScript", "VerificationResult");

	@Override
	public List<ReachRule> reachRules() {
		List<ReachRule> rules = new ArrayList<>();
		PATIENT_COMPARTMENT.forEach(type -> rules.add(ReachRule.patientData(type)));
		// A referral's Task is as private as the ServiceRequest it carries out; R4 leaves it outside the compartment.
		rules.add(ReachRule.patientDataBy("Task", "patient", "for"));
		rules.add(new ReachRule("AuditEvent", ReachRule.Reach.AUDIT_TRAIL, null, null));
		rules.add(new ReachRule("Binary", ReachRule.Reach.ATTACHMENT, null, null));
		Stream.concat(SHARED.stream().map(ReachRule::shared), DIRECTORY.stream().map(ReachRule::directory)).forEach(rules::add);
		EVERY_PATIENT_ONLY.forEach(type -> rules.add(ReachRule.everyPatientOnly(type)));
		return rules;
	}
}
