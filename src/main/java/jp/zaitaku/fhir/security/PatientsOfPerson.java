package jp.zaitaku.fhir.security;

import java.util.Set;

/**
 * The patients a person ({@code Practitioner/..}, {@code RelatedPerson/..}) may open a SMART app for:
 * the patient picker's list and the check of an EHR launch. Care-team access control decides it; the
 * authorization server only asks.
 */
public interface PatientsOfPerson {

	/** Ids of the patients {@code fhirUser} may open, today. */
	Set<String> patientsOf(String fhirUser);
}
