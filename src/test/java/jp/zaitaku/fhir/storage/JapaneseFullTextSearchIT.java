package jp.zaitaku.fhir.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.hamcrest.Matcher;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code _content} and {@code _text} in Japanese: morphemes, not characters; width and kana variants
 * equal; English still works. Each test searches only among the Communications it created (by subject).
 */
class JapaneseFullTextSearchIT extends FhirServerTestBase {

	private String patientId;

	@BeforeEach
	void aPatientWithMessagesFromTheTeam() {
		patientId = createPatient("田柄", "芳子", "タガラ", "ヨシコ");
	}

	private String message(String text) {
		return created(fhir().body(communicationJson(patientId, text)).post("/Communication"));
	}

	private List<String> contentSearch(String query) {
		return fhir().queryParam("_content", query).queryParam("subject", "Patient/" + patientId).queryParam("_count", "100")
				.get("/Communication")
				.then().statusCode(200)
				.extract().jsonPath().getList("entry.resource.id");
	}

	private static Matcher<Iterable<? super String>> includes(String id) {
		return hasItem(id);
	}

	@Test
	void swallowingFindsBothTheCompoundAndThePhrase() {
		String dysphagiaPhrase = message("摂食・嚥下機能の低下がみられる");
		String dysphagia = message("嚥下障害のため訪問歯科を依頼");
		String unrelated = message("褥瘡の処置を行いました");

		List<String> hits = contentSearch("嚥下");
		assertThat(hits, includes(dysphagiaPhrase));
		assertThat(hits, includes(dysphagia));
		assertThat(hits, not(includes(unrelated)));
	}

	@Test
	void kyotoDoesNotMatchTokyoMetropolis() {
		String nerima = message("東京都練馬区在住の独居高齢者");
		String kyoto = message("京都の長女が週末に来訪");

		assertThat(contentSearch("京都"), not(includes(nerima)));
		assertThat(contentSearch("京都"), includes(kyoto));
		assertThat(contentSearch("練馬区"), includes(nerima));
	}

	@Test
	void fullWidthAndHalfWidthLettersAndKatakanaAreTheSame() {
		String ct = message("ＣＴ検査の結果を共有します");
		String cancer = message("ｶﾞﾝの疼痛管理について相談");

		assertThat(contentSearch("CT"), includes(ct));
		assertThat(contentSearch("ｃｔ"), includes(ct));
		assertThat(contentSearch("ガン"), includes(cancer));
		assertThat(contentSearch("ｶﾞﾝ"), includes(cancer));
	}

	@Test
	void hiraganaAndKatakanaSpellingsFindEachOther() {
		String hiragana = message("がんの在宅緩和ケアを開始");
		assertThat(contentSearch("ガン"), includes(hiragana));
	}

	@Test
	void compoundWordsAndParticlesBetweenThemStillMatch() {
		String visit = message("訪問看護ステーションから報告");
		String decline = message("食事量と機能の低下が続く");

		assertThat(contentSearch("訪問看護"), includes(visit));
		assertThat(contentSearch("機能低下"), includes(decline));
	}

	@Test
	void severalWordsMustAllBePresentAndCommasMeanOr() {
		String both = message("血圧が高く、服薬の確認が必要");
		String onlyPressure = message("血圧は安定しています");

		List<String> and = contentSearch("血圧 服薬");
		assertThat(and, includes(both));
		assertThat(and, not(includes(onlyPressure)));
		assertThat(contentSearch("服薬,安定"), includes(onlyPressure));
	}

	@Test
	void englishWordsStillWorkWithPrefixes() {
		String english = message("Patient reports severe headache at night");
		assertThat(contentSearch("headache"), includes(english));
		assertThat(contentSearch("head"), includes(english));
		assertThat(contentSearch("migraine"), not(includes(english)));
	}

	@Test
	void narrativeTextIsSearchedWithUnderscoreText() {
		String withNarrative = created(fhir().body(communicationJson(patientId, "夜間の対応について").replaceFirst(
				"\\{", """
				{"text":{"status":"generated","div":"<div xmlns=\\\\"http://www.w3.org/1999/xhtml\\\\">夜間の急変時は訪問診療医に連絡</div>"},""")).post("/Communication"));

		List<String> hits = fhir().queryParam("_text", "急変").queryParam("subject", "Patient/" + patientId)
				.get("/Communication").then().statusCode(200).extract().jsonPath().getList("entry.resource.id");
		assertThat(hits, includes(withNarrative));
	}
}
