package jp.zaitaku.fhir.access;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What family members on a care team may see and write, and how long membership lookups are kept.
 *
 * @param familyReadableTypes resource types a family member (RelatedPerson on the team) may read about
 *     their patient; the directory (Practitioner, Organization ...) is always readable
 * @param familyWritableTypes resource types a family member may create or update (what they write must
 *     also be something they may read)
 * @param familyMessageCategories the team-message categories (message-category codes) a family member
 *     sees; messages between professionals (指示, 相談, 服薬情報 ...) stay with the professionals
 * @param membershipCacheTime how long a person's care-team patients are kept; every write of a CareTeam,
 *     PractitionerRole, RelatedPerson or Consent clears them at once, so this only bounds memory
 * @param emergencyAccessTime how long a break-the-glass access (緊急時アクセス) lets its professional read the patient
 * @param reachListThreshold from how many reachable patients a caller's searches are narrowed by one
 *     server-kept List of them instead of one condition value per patient (ReachLists)
 */
@ConfigurationProperties(prefix = "zaitaku.access")
public record AccessProperties(
		@DefaultValue({"Patient", "RelatedPerson", "CareTeam", "CarePlan", "Goal", "Communication", "Appointment", "Consent"})
				Set<String> familyReadableTypes,
		@DefaultValue("Communication") Set<String> familyWritableTypes,
		@DefaultValue({"report", "contact", "condition-change", "admission-notice", "discharge-notice",
				"family-message", "death-notice", "receipt"}) Set<String> familyMessageCategories,
		@DefaultValue("10m") Duration membershipCacheTime,
		@DefaultValue("2h") Duration emergencyAccessTime,
		@DefaultValue("100") int reachListThreshold) {}
