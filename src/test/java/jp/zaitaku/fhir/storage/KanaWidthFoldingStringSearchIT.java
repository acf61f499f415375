package jp.zaitaku.fhir.storage;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.ibm.icu.text.Transliterator;
import java.util.List;
import jp.zaitaku.fhir.FhirServerTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** String searches find a name whichever kana and width it was written or asked in. */
class KanaWidthFoldingStringSearchIT extends FhirServerTestBase {

	private String katakanaFamily;
	private String patient;

	@BeforeEach
	void aPatientWithAKanaName() {
		// A family name of katakana only this test uses, so results from other tests do not matter.
		katakanaFamily = "ヤマ" + unique().replaceAll("[^a-f]", "").chars().limit(8)
				.mapToObj(c -> String.valueOf((char) ('カ' + (c - 'a') * 2))).reduce("", String::concat);
		patient = createPatient("山田", "花子", katakanaFamily, "ハナコ");
	}

	private List<String> search(String parameter, String value) {
		List<String> ids = fhir().queryParam(parameter, value).get("/Patient")
				.then().statusCode(200).extract().jsonPath().getList("entry.resource.id");
		return ids == null ? List.of() : ids;
	}

	private static String hiragana(String katakana) {
		return katakana.codePoints().map(c -> c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c)
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
	}

	private static String halfWidth(String text) {
		return Transliterator.getInstance("Fullwidth-Halfwidth").transliterate(text);
	}

	@Test
	void hiraganaFindsAKatakanaName() {
		assertThat(search("name", hiragana(katakanaFamily)), hasItem(patient));
		assertThat(search("family:text", hiragana(katakanaFamily)), hasItem(patient));
		assertThat(search("name", katakanaFamily), hasItem(patient));
	}

	@Test
	void halfWidthKatakanaFindsAFullWidthName() {
		assertThat(search("family", halfWidth(katakanaFamily)), hasItem(patient));
	}

	@Test
	void aNameStoredInHalfWidthKatakanaIsFoundInFullWidth() {
		// As legacy receipt systems (レセコン) still send names.
		String legacy = createPatient("鈴木", "一郎", halfWidth(katakanaFamily + "ズ"), "ｲﾁﾛｳ");
		assertThat(search("family", katakanaFamily + "ズ"), hasItem(legacy));
		assertThat(search("family", hiragana(katakanaFamily + "ズ")), hasItem(legacy));
	}

	@Test
	void exactStaysExact() {
		assertThat(search("family:exact", hiragana(katakanaFamily)), not(hasItem(patient)));
		assertThat(search("family:exact", katakanaFamily), hasItem(patient));
	}
}
