package jp.zaitaku.fhir.profiles;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How writes are checked against the home-care profiles.
 *
 * @param mode {@code strict}: CareTeam, CarePlan, Encounter and Communication are always validated
 *     against the guide's profile for their type, and any resource claiming one of the guide's
 *     profiles in {@code meta.profile} against that profile; {@code declared}: only resources that
 *     claim a profile of the guide are validated; {@code off}: writes are not validated
 * @param defaultLanguage language of validation messages when the request has no usable
 *     {@code Accept-Language} ({@code ja} or {@code en})
 * @param maxConcurrent validations running at once; more writers wait. Validation is CPU-bound and
 *     allocates a lot while it runs, so this bounds its memory; 0 means one per processor
 */
@ConfigurationProperties(prefix = "zaitaku.validation")
public record ProfileValidationProperties(
		@DefaultValue("strict") Mode mode,
		@DefaultValue("ja") Locale defaultLanguage,
		@DefaultValue("0") int maxConcurrent) {

	/** How many validations may run at once. */
	public int concurrency() {
		return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
	}

	public enum Mode {
		STRICT,
		DECLARED,
		OFF
	}
}
