package jp.zaitaku.fhir.profiles;

import static jp.zaitaku.fhir.profiles.ProfileValidationProperties.Mode.DECLARED;
import static jp.zaitaku.fhir.profiles.ProfileValidationProperties.Mode.OFF;
import static jp.zaitaku.fhir.profiles.ProfileValidationProperties.Mode.STRICT;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import java.lang.reflect.Field;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;

/** Which profiles a write is held to, in each validation mode. */
class HomeCareProfilesTest {

	private static final String PROFILES = "https://zaitaku-fhir.github.io/ig/StructureDefinition/";

	@Test
	void strictModeHoldsEveryTypeTheGuideProfilesToItsProfileWithoutAClaim() {
		assertThat(HomeCareProfiles.toValidate(new CareTeam(), "CareTeam", STRICT), contains(PROFILES + "zaitaku-careteam"));
		assertThat(HomeCareProfiles.toValidate(new Patient(), "Patient", STRICT), contains(PROFILES + "zaitaku-patient"));
		assertThat(HomeCareProfiles.toValidate(new Observation(), "Observation", STRICT), empty());
	}

	/** Every profile of the guide is enforced on its type, but for the read receipt, which a receipt claims. */
	@Test
	void everyProfileOfTheGuideIsRequiredOfItsType() throws IllegalAccessException {
		Set<String> required = Set.copyOf(HomeCareProfiles.REQUIRED_BY_TYPE.values());
		for (Field field : HomeCareGuide.Profiles.class.getFields()) {
			String profile = (String) field.get(null);
			if (!field.getName().equals("PREFIX") && !profile.equals(HomeCareGuide.Profiles.MESSAGE_RECEIPT)) {
				assertTrue(required.contains(profile), profile + " is not required of any type");
			}
		}
		HomeCareProfiles.REQUIRED_BY_TYPE.forEach((type, profile) ->
				assertTrue(profile.endsWith("/zaitaku-" + type.toLowerCase()), type + " -> " + profile));
	}

	@Test
	void aClaimedProfileOfTheGuideReplacesTheDefaultAndLosesItsVersion() {
		Communication receipt = new Communication();
		receipt.getMeta().addProfile(PROFILES + "zaitaku-message-receipt|0.1.0");
		receipt.getMeta().addProfile("http://example.org/fhir/StructureDefinition/other");
		assertThat(HomeCareProfiles.toValidate(receipt, "Communication", STRICT), contains(PROFILES + "zaitaku-message-receipt"));
	}

	@Test
	void declaredModeOnlyChecksWhatIsClaimed() {
		assertThat(HomeCareProfiles.toValidate(new CareTeam(), "CareTeam", DECLARED), empty());
		Patient patient = new Patient();
		patient.getMeta().addProfile(PROFILES + "zaitaku-patient");
		assertThat(HomeCareProfiles.toValidate(patient, "Patient", DECLARED), contains(PROFILES + "zaitaku-patient"));
	}

	@Test
	void offModeChecksNothing() {
		CareTeam team = new CareTeam();
		team.getMeta().addProfile(PROFILES + "zaitaku-careteam");
		assertThat(HomeCareProfiles.toValidate(team, "CareTeam", OFF), empty());
	}
}
