package jp.zaitaku.fhir;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes: no cycles between
 * packages (nor between the concerns inside {@code security}); {@code server} and {@code storage},
 * the base every feature builds on, know no feature; the base packages stack in one direction; and
 * features never import each other (they talk through FHIR resources).
 */
class ArchitectureTest {

	private static final String ROOT = "jp.zaitaku.fhir";
	/** From the bottom up: each may use the ones before it, never the ones after. */
	private static final List<String> BASE = List.of("server", "storage", "profiles", "security", "access", "audit");

	private static final JavaClasses MAIN = MainClasses.ALL;

	@Test
	void noCycleBetweenPackages() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void noCycleBetweenTheConcernsOfSecurity() {
		slices().matching(ROOT + ".security.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void serverAndStorageKnowNoFeature() {
		classes().that().resideInAnyPackage(ROOT + ".server..", ROOT + ".storage..")
				.should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + ".."))
						.or(resideInAnyPackage(ROOT + ".server..", ROOT + ".storage..")))
				.check(MAIN);
	}

	@Test
	void theBasePackagesStackInOneDirection() {
		for (int i = 0; i < BASE.size(); i++) {
			String[] above = BASE.subList(i + 1, BASE.size()).stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
			if (above.length > 0) {
				noClasses().that().resideInAPackage(ROOT + "." + BASE.get(i) + "..")
						.should().dependOnClassesThat().resideInAnyPackage(above)
						.check(MAIN);
			}
		}
	}

	@Test
	void featuresNeverImportEachOther() {
		Set<String> crossings = new TreeSet<>();
		for (JavaClass type : MAIN) {
			String feature = featureOf(type);
			if (feature == null) {
				continue;
			}
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				String target = featureOf(dependency.getTargetClass());
				if (target != null && !target.equals(feature)) {
					crossings.add(type.getName() + " -> " + dependency.getTargetClass().getName());
				}
			}
		}
		assertTrue(crossings.isEmpty(), () -> "features that import each other: " + crossings);
	}

	/** The feature package a class belongs to, or null for the base packages, the root and other libraries. */
	private static String featureOf(JavaClass type) {
		String name = type.getPackageName();
		if (!name.startsWith(ROOT + ".")) {
			return null;
		}
		String top = name.substring(ROOT.length() + 1).split("\\.")[0];
		return BASE.contains(top) ? null : top;
	}
}
