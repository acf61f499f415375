package jp.zaitaku.fhir.profiles;

import java.util.List;
import java.util.Locale;

/** The language of validation messages: Japanese or English, chosen by {@code Accept-Language}. */
final class ValidationLanguage {

	private static final List<String> SUPPORTED = List.of("ja", "en");

	private ValidationLanguage() {}

	static Locale of(String acceptLanguage, Locale fallback) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return fallback;
		}
		try {
			String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
			return tag == null ? fallback : Locale.forLanguageTag(tag);
		} catch (IllegalArgumentException malformedHeader) {
			return fallback;
		}
	}

	/** First line of a refusal: which resource broke which profile, and how many errors follow. */
	static String summary(Locale language, String resourceType, List<String> profiles, int errorCount) {
		String profileList = String.join(", ", profiles);
		if (Locale.JAPANESE.getLanguage().equals(language.getLanguage())) {
			return "%s はプロファイル %s に適合しません（エラー %d 件）。各エラーの expression が要素のパス、diagnostics が違反した規則です。"
					.formatted(resourceType, profileList, errorCount);
		}
		return "%s does not conform to the profile %s (%d errors). Each error's expression is the element path and its diagnostics the rule broken."
				.formatted(resourceType, profileList, errorCount);
	}
}
