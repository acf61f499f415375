package jp.zaitaku.fhir.storage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a caller typed into {@code _content}/{@code _text}/{@code :text} into a query the
 * Japanese index can answer.
 *
 * <p>HAPI sends each word as an un-analysed prefix term ({@code 訪問看護} → {@code 訪問看護*}), which
 * cannot match an index that holds the morphemes 訪問 and 看護. A quoted phrase, by contrast, is
 * analysed with the same {@link JapaneseTextAnalysis} as the documents, so {@code "訪問看護"} finds
 * 訪問 followed by 看護, and {@code "京都"} does not find 東京都. Plain Latin-letter words keep HAPI's
 * prefix behaviour ({@code swallow} finds swallowing).
 */
final class JapaneseFullTextQuery {

	/** Lucene simple-query syntax: a value containing any of these is the caller's own query, left alone. */
	private static final Pattern QUERY_SYNTAX = Pattern.compile("[+|\"()~*]|^-");
	private static final Pattern LATIN_WORD = Pattern.compile("[\\p{IsLatin}\\p{Nd}.'_-]+");
	private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");

	private static final int PHRASE_SLOP = 1;

	private JapaneseFullTextQuery() {}

	/** Rewrites one OR-alternative of a parameter value; returns it unchanged when nothing is to be done. */
	static String rewrite(String value) {
		if (value == null || value.isBlank() || QUERY_SYNTAX.matcher(value).find()) {
			return value;
		}
		String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).trim();
		List<String> terms = new ArrayList<>();
		for (String word : WHITESPACE.split(folded)) {
			if (word.isEmpty()) {
				continue;
			}
			terms.add(LATIN_WORD.matcher(word).matches() ? word + "*" : phrase(word));
		}
		return String.join(" ", terms);
	}

	/**
	 * A phrase that tolerates one dropped word between morphemes, so 機能低下 also finds 機能の低下
	 * (the particle の is not indexed but still leaves a gap).
	 */
	private static String phrase(String word) {
		return "\"" + word + "\"~" + PHRASE_SLOP;
	}
}
