package jp.zaitaku.fhir.access;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry.SearchParamLookupContextEnum;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which chained search parameters ({@code Observation?subject.family=…}) a caller limited to their
 * patients may use. The narrowing limits the searched resources, not the resources a chain looks
 * into: a record of one's own patient may reference another patient's record (written by someone on
 * both teams), and a chain through that reference would test the hidden record's fields. So every
 * link of a chain must lead into the shared directory ({@code performer:Practitioner.name}), except a
 * first link through the very reference the narrowing limits, when that element holds one reference
 * only ({@code Observation?subject.family}: the subject is one of the caller's patients). From the
 * patient onwards the same rule holds again ({@code subject.general-practitioner.name} passes,
 * {@code subject.link.family} would reach a linked patient and is refused).
 */
@Component
class ChainedSearchReach {

	private final FhirContext fhirContext;
	private final ISearchParamRegistry searchParameters;
	private final ReachRules rules;

	ChainedSearchReach(FhirContext fhirContext, ISearchParamRegistry searchParameters, ReachRules rules) {
		this.fhirContext = fhirContext;
		this.rules = rules;
		this.searchParameters = searchParameters;
	}

	/** Throws 403 when the chained parameter {@code name} of a search of {@code type} could reach a hidden record. */
	void check(String type, String name) {
		String[] links = name.split("\\.");
		if (links.length > 1 && links[links.length - 1].startsWith("_has")) {
			// Where the chain ends, a reverse chain would test records that refer to that end: any patient's.
			throw PatientReachRequestGuard.forbidden("the chained parameter " + name + " ends in a reverse chain (_has),"
					+ " which could test records of patients you may not see");
		}
		// The last part is the parameter tested on the chain's end (with its modifier), not a link.
		Set<String> currentTypes = Set.of(type);
		for (int i = 0; i < links.length - 1; i++) {
			String link = links[i];
			String parameter = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
			String typeModifier = link.contains(":") ? link.substring(link.indexOf(':') + 1) : null;
			Set<String> targets = new HashSet<>();
			boolean followed = false;
			boolean throughOwnPatient = true;
			for (String current : currentTypes) {
				RuntimeSearchParam definition = searchParameters.getActiveSearchParam(current, parameter, SearchParamLookupContextEnum.SEARCH);
				if (definition == null || definition.getParamType() != RestSearchParameterTypeEnum.REFERENCE) {
					continue; // HAPI cannot follow this link from this type
				}
				followed = true;
				targets.addAll(typeModifier != null ? Set.of(typeModifier) : definition.getTargets());
				throughOwnPatient &= i == 0 && isNarrowedSingleReference(current, definition);
			}
			if (!followed) {
				return; // not a chain HAPI can follow: it refuses the unknown parameter itself (400)
			}
			if (throughOwnPatient) {
				currentTypes = Set.of("Patient");
				continue;
			}
			if (targets.isEmpty() || !targets.stream().allMatch(target -> rules.of(target).isShared())) {
				throw PatientReachRequestGuard.forbidden("the chained parameter " + name + " could look into "
						+ (targets.isEmpty() ? "any resource" : String.join(", ", targets.stream().sorted().toList()))
						+ " of a patient you may not see; chains may lead only into the directory (e.g. performer:Practitioner.name)"
						+ " or through the patient of the record");
			}
			currentTypes = targets;
		}
	}

	/**
	 * Whether the narrowing limits this reference to the caller's patients: the type's {@code patient}
	 * parameter or one on the same element (HAPI's narrowing picks among those), and the element holds
	 * a single reference, so it cannot also name someone else's patient.
	 */
	private boolean isNarrowedSingleReference(String type, RuntimeSearchParam definition) {
		if (type.equals("Patient")) {
			return false; // a Patient search is narrowed by _id: its references are not
		}
		RuntimeSearchParam patient = searchParameters.getActiveSearchParam(type, "patient", SearchParamLookupContextEnum.SEARCH);
		if (patient == null) {
			return false;
		}
		String path = elementPath(type, definition.getPath());
		return path != null && path.equals(elementPath(type, patient.getPath())) && holdsOneValue(path);
	}

	/**
	 * The element a parameter searches on this type ({@code Observation.subject}), without a
	 * {@code .where(resolve() is Patient)} qualifier. A parameter shared by many types lists one path
	 * per type ({@code AllergyIntolerance.patient | CarePlan.subject.where(…) | …}); null when the type
	 * has several paths or one that is not a plain element path.
	 */
	private static String elementPath(String type, String expression) {
		if (expression == null) {
			return null;
		}
		List<String> paths = Arrays.stream(expression.split("\\|")).map(String::trim)
				.filter(path -> path.startsWith(type + ".")).toList();
		if (paths.size() != 1) {
			return null;
		}
		String path = paths.get(0).replaceAll("\\.where\\(resolve\\(\\) is Patient\\)$", "");
		return path.matches("[A-Za-z]+(\\.[A-Za-z]+)+") ? path : null;
	}

	/** Whether every element on the path ({@code Observation.subject}) occurs at most once. */
	private boolean holdsOneValue(String path) {
		List<String> parts = List.of(path.split("\\."));
		BaseRuntimeElementDefinition<?> element = fhirContext.getResourceDefinition(parts.get(0));
		for (String part : parts.subList(1, parts.size())) {
			if (!(element instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
				return false;
			}
			BaseRuntimeChildDefinition child = composite.getChildByName(part);
			if (child == null || child.getMax() != 1) {
				return false;
			}
			element = child.getChildByName(part);
		}
		return element != null;
	}
}
