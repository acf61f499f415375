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
 */
@ConfigurationProperties(prefix = "zaitaku.validation")
public record ProfileValidationProperties(
		@DefaultValue("strict") Mode mode, @DefaultValue("ja") Locale defaultLanguage) {

	public enum Mode {
		STRICT,
		DECLARED,
		OFF
	}
}
