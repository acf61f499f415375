package jp.zaitaku.fhir.storage;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;
import org.hibernate.search.backend.lucene.analysis.model.dsl.LuceneAnalysisComponentParametersStep;
import org.hibernate.search.backend.lucene.analysis.model.dsl.LuceneAnalysisOptionalComponentsStep;
import org.hibernate.search.backend.lucene.analysis.model.dsl.LuceneAnalyzerOptionalComponentsStep;

/**
 * Hibernate Search (Lucene backend) analysis for HAPI's index, with Japanese text analysis.
 *
 * <p>HAPI's entity mappings refer to analyzers by name. We define every one of those names; the
 * free-text one, {@value #STANDARD_ANALYZER}, which backs {@code _content}, {@code _text} and
 * {@code :text}, is {@link JapaneseTextAnalysis} instead of HAPI's per-character CJK splitting. Set
 * by {@code hibernate.search.backend.analysis.configurer} in application.yaml.
 */
public class JapaneseLuceneAnalysisConfigurer implements LuceneAnalysisConfigurer {

	static final String STANDARD_ANALYZER = "standardAnalyzer";

	@Override
	public void configure(LuceneAnalysisConfigurationContext context) {
		defineJapaneseText(context, STANDARD_ANALYZER);

		// Exact and normalised string matching (string search parameters, sorting): whole value as one term.
		context.analyzer("normStringAnalyzer").custom()
				.tokenizer("keyword")
				.tokenFilter("icuFolding");
		context.analyzer("exactAnalyzer").custom().tokenizer("keyword");
		context.normalizer("lowercaseAsciifoldingNormalizer").custom()
				.tokenFilter("lowercase")
				.tokenFilter("asciiFolding");

		// Terminology (TermConcept) fields, used by ValueSet $expand filters.
		context.analyzer("conceptParentPidsAnalyzer").custom().tokenizer("whitespace");
		context.analyzer("autocompleteEdgeAnalyzer").custom()
				.tokenizer("keyword")
				.tokenFilter("icuFolding")
				.tokenFilter("edgeNGram").param("minGramSize", "1").param("maxGramSize", "50");
		context.analyzer("autocompleteWordEdgeAnalyzer").custom()
				.tokenizer("standard")
				.tokenFilter("icuFolding")
				.tokenFilter("edgeNGram").param("minGramSize", "1").param("maxGramSize", "20");
		context.analyzer("autocompleteNGramAnalyzer").custom()
				.tokenizer("standard")
				.tokenFilter("icuFolding")
				.tokenFilter("nGram").param("minGramSize", "2").param("maxGramSize", "20");
		defineJapaneseText(context, "autocompletePhoneticAnalyzer");
	}

	private static void defineJapaneseText(LuceneAnalysisConfigurationContext context, String name) {
		// The DSL takes the tokenizer first; char filters still run before it.
		LuceneAnalyzerOptionalComponentsStep tokenizer =
				context.analyzer(name).custom().tokenizer(JapaneseTextAnalysis.TOKENIZER.name());
		for (var param : JapaneseTextAnalysis.TOKENIZER.params().entrySet()) {
			tokenizer = tokenizer.param(param.getKey(), param.getValue());
		}
		LuceneAnalysisOptionalComponentsStep chain = tokenizer;
		for (JapaneseTextAnalysis.Step step : JapaneseTextAnalysis.CHAR_FILTERS) {
			chain = withParams(chain.charFilter(step.name()), step);
		}
		for (JapaneseTextAnalysis.Step step : JapaneseTextAnalysis.TOKEN_FILTERS) {
			chain = withParams(chain.tokenFilter(step.name()), step);
		}
	}

	private static LuceneAnalysisComponentParametersStep withParams(
			LuceneAnalysisComponentParametersStep component, JapaneseTextAnalysis.Step step) {
		LuceneAnalysisComponentParametersStep result = component;
		for (var param : step.params().entrySet()) {
			result = result.param(param.getKey(), param.getValue());
		}
		return result;
	}
}
