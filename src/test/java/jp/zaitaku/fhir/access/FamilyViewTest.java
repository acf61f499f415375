package jp.zaitaku.fhir.access;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;

/** What a care team lets its family members see, and the server's defaults for what it leaves out. */
class FamilyViewTest {

	private static final String VISIBILITY = "https://zaitaku-fhir.github.io/ig/StructureDefinition/careteam-family-visibility";
	private static final FamilyView DEFAULTS = new FamilyView(Set.of("Patient", "Communication", "CarePlan"), Set.of("report", "family-message"));

	private static CareTeam teamGiving(Set<String> types, Set<String> categories) {
		Extension visibility = new Extension(VISIBILITY);
		types.forEach(type -> visibility.addExtension("resourceType", new CodeType(type)));
		categories.forEach(category -> visibility.addExtension("messageCategory", new CodeType(category)));
		CareTeam team = new CareTeam();
		team.addExtension(visibility);
		return team;
	}

	@Test
	void aTeamThatSaysNothingGivesTheDefaults() {
		assertEquals(DEFAULTS, FamilyView.of(new CareTeam(), DEFAULTS));
	}

	@Test
	void aTeamThatGivesOnlyTypesKeepsTheDefaultCategories() {
		FamilyView view = FamilyView.of(teamGiving(Set.of("Observation", "Communication"), Set.of()), DEFAULTS);
		assertThat(view.readableTypes(), containsInAnyOrder("Observation", "Communication"));
		assertEquals(DEFAULTS.messageCategories(), view.messageCategories());
	}

	@Test
	void twoTeamsGiveWhatEitherGives() {
		FamilyView one = FamilyView.of(teamGiving(Set.of("Observation"), Set.of("urgent")), DEFAULTS);
		FamilyView other = FamilyView.of(teamGiving(Set.of("Goal"), Set.of("report")), DEFAULTS);
		FamilyView both = one.and(other);
		assertThat(both.readableTypes(), containsInAnyOrder("Observation", "Goal"));
		assertThat(both.messageCategories(), containsInAnyOrder("urgent", "report"));
	}

	@Test
	void withoutAnyMessageCategoryTeamMessagesAreOutOfReachAltogether() {
		FamilyView view = new FamilyView(Set.of("Patient", "Communication"), Set.of());
		assertFalse(view.readableTypes().contains("Communication"));
	}
}
