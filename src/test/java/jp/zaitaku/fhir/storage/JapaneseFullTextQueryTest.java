package jp.zaitaku.fhir.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How typed words become Lucene queries (see {@link JapaneseFullTextQuery}). */
class JapaneseFullTextQueryTest {

	@Test
	void japaneseWordsBecomeAnalysedPhrases() {
		assertEquals("\"訪問看護\"~1", JapaneseFullTextQuery.rewrite("訪問看護"));
	}

	@Test
	void ideographicSpaceSeparatesWordsLikeAnAsciiSpace() {
		assertEquals("\"血圧\"~1 \"服薬\"~1", JapaneseFullTextQuery.rewrite("血圧　服薬"));
	}

	@Test
	void latinWordsKeepPrefixMatchingAndFullWidthIsFolded() {
		assertEquals("CT* \"検査\"~1", JapaneseFullTextQuery.rewrite("ＣＴ 検査"));
		assertEquals("headache*", JapaneseFullTextQuery.rewrite("headache"));
	}

	@Test
	void aCallersOwnQuerySyntaxIsLeftAlone() {
		assertEquals("\"嚥下 障害\"", JapaneseFullTextQuery.rewrite("\"嚥下 障害\""));
		assertEquals("head*", JapaneseFullTextQuery.rewrite("head*"));
		assertEquals("-褥瘡", JapaneseFullTextQuery.rewrite("-褥瘡"));
	}
}
