package jp.zaitaku.fhir.storage;

import java.util.List;
import java.util.Map;

/**
 * The one definition of how Japanese (and English) free text is cut into searchable terms, used for
 * {@code _content}, {@code _text} and {@code :text}. Written as plain data — steps named by the
 * Lucene factory names that Elasticsearch/OpenSearch's kuromoji and ICU plugins also carry — so a
 * second backend can be configured from the same list rather than from a copy.
 *
 * <ol>
 *   <li>NFKC with case folding: ＣＴ = CT = ct, ｶﾞﾝ = ガン, ① = 1, Ⅱ = II.</li>
 *   <li>Kuromoji morphological analysis in search mode (形態素解析): 東京都 → 東京 / 都, so 京都 no longer
 *       matches it; long compounds are also split into their parts.</li>
 *   <li>Dictionary forms (訴えた → 訴える) and particles/auxiliaries dropped (の, を, です).</li>
 *   <li>Hiragana to katakana (がん = ガン) and the trailing long-vowel mark dropped (ケアマネージャー =
 *       ケアマネージャ).</li>
 * </ol>
 */
public final class JapaneseTextAnalysis {

	/** One step of the analysis chain: a Lucene factory name and its parameters. */
	public record Step(String name, Map<String, String> params) {
		static Step of(String name) {
			return new Step(name, Map.of());
		}
	}

	public static final List<Step> CHAR_FILTERS =
			List.of(new Step("icuNormalizer2", Map.of("name", "nfkc_cf", "mode", "compose")));

	public static final Step TOKENIZER =
			new Step("japanese", Map.of("mode", "search", "discardPunctuation", "true"));

	public static final List<Step> TOKEN_FILTERS = List.of(
			Step.of("japaneseBaseForm"),
			Step.of("japanesePartOfSpeechStop"),
			new Step("icuTransform", Map.of("id", "Hiragana-Katakana")),
			new Step("japaneseKatakanaStem", Map.of("minimumLength", "4")),
			Step.of("lowercase"));

	/**
	 * Changes whenever the analysis (or the layout of our own fields) does, so an index built with
	 * another analysis is noticed and rebuilt ({@link FullTextIndexStartupCheck}). Parameters are sorted: Map.of iterates in a
	 * different order in every JVM.
	 */
	public static String fingerprint() {
		StringBuilder text = new StringBuilder("lucene=").append(org.apache.lucene.util.Version.LATEST)
				.append("|fields=").append(ResourceLinkTerms.INDEX_LAYOUT);
		for (List<Step> steps : List.of(CHAR_FILTERS, List.of(TOKENIZER), TOKEN_FILTERS)) {
			for (Step step : steps) {
				text.append('|').append(step.name()).append(new java.util.TreeMap<>(step.params()));
			}
		}
		return text.toString();
	}

	private JapaneseTextAnalysis() {}
}
