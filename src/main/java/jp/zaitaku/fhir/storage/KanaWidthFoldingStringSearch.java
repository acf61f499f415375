package jp.zaitaku.fhir.storage;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Makes string searches ({@code name=}, {@code address:text=}, …) blind to the ways Japanese
 * writes the same word: hiragana or katakana (やまだ = ヤマダ), full- or half-width (ﾔﾏﾀﾞ = ヤマダ,
 * ＣＴ = CT).
 *
 * <p>HAPI indexes a string as written (accents stripped, upper-cased) and matches it by prefix in
 * SQL; it has no hook for another normalisation of the stored value. So the query is widened
 * instead: each value becomes an OR of its spellings (as typed, NFKC, katakana, hiragana, half-width
 * katakana, full-width), one of which is how the record was written. Morphological matching inside
 * a text (練馬区 within 東京都練馬区…) is what {@code _content}/{@code _text} are for.
 */
@Component
@Interceptor
public class KanaWidthFoldingStringSearch implements FhirServerInterceptor {

	/** A value with HAPI escapes (a backslash before , $ or |) is left exactly as the caller wrote it. */
	private static final String LEFT_ALONE = "\\";

	private static final ThreadLocal<Transliterator> TO_HALF_WIDTH =
			ThreadLocal.withInitial(() -> Transliterator.getInstance("Fullwidth-Halfwidth"));
	private static final ThreadLocal<Transliterator> TO_FULL_WIDTH =
			ThreadLocal.withInitial(() -> Transliterator.getInstance("Halfwidth-Fullwidth"));

	private final ISearchParamRegistry searchParams;

	public KanaWidthFoldingStringSearch(@Lazy ISearchParamRegistry searchParams) {
		this.searchParams = searchParams;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.FOLD_KANA_AND_WIDTH)
	public boolean widenStringSearches(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || parameters == null
				|| request.getResourceName() == null) {
			return true;
		}
		Map<String, String[]> widened = null;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (isFoldedStringParameter(request.getResourceName(), parameter.getKey())) {
				if (widened == null) {
					widened = new LinkedHashMap<>(parameters);
				}
				widened.put(parameter.getKey(), Arrays.stream(parameter.getValue())
						.map(KanaWidthFoldingStringSearch::widenOrList).toArray(String[]::new));
			}
		}
		if (widened != null) {
			request.setParameters(widened);
		}
		return true;
	}

	/** A plain or {@code :text} search on a string parameter of the type (not {@code :exact}, not a chain). */
	private boolean isFoldedStringParameter(String resourceType, String name) {
		int colon = name.indexOf(':');
		String base = colon < 0 ? name : name.substring(0, colon);
		String modifier = colon < 0 ? "" : name.substring(colon + 1);
		if (base.startsWith("_") || base.contains(".") || !(modifier.isEmpty() || modifier.equals("text"))) {
			return false;
		}
		RuntimeSearchParam parameter = searchParams.getActiveSearchParam(resourceType, base,
				ISearchParamRegistry.SearchParamLookupContextEnum.SEARCH);
		return parameter != null && parameter.getParamType() == RestSearchParameterTypeEnum.STRING;
	}

	private static String widenOrList(String value) {
		if (value == null || value.contains(LEFT_ALONE)) {
			return value;
		}
		return Arrays.stream(value.split(",", -1))
				.flatMap(alternative -> spellings(alternative).stream())
				.distinct()
				.collect(Collectors.joining(","));
	}

	/** The ways the same word may have been stored; the value as typed first. */
	static Set<String> spellings(String typed) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(typed);
		if (typed.isBlank() || typed.chars().allMatch(c -> c < 0x80)) {
			return spellings; // plain ASCII: HAPI already ignores case; nothing Japanese to fold
		}
		String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC);
		String katakana = toKatakana(folded);
		spellings.add(folded);
		spellings.add(katakana);
		spellings.add(toHiragana(folded));
		spellings.add(TO_HALF_WIDTH.get().transliterate(katakana));
		spellings.add(TO_FULL_WIDTH.get().transliterate(folded));
		return spellings;
	}

	private static String toKatakana(String text) {
		return shiftKana(text, 0x3041, 0x3096, 0x60);
	}

	private static String toHiragana(String text) {
		return shiftKana(text, 0x30A1, 0x30F6, -0x60);
	}

	/** Hiragana and katakana sit 0x60 apart in Unicode for the letters both scripts have. */
	private static String shiftKana(String text, int from, int to, int offset) {
		StringBuilder shifted = new StringBuilder(text.length());
		text.codePoints().forEach(c -> shifted.appendCodePoint(c >= from && c <= to ? c + offset : c));
		return shifted.toString();
	}
}
