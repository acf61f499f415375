package jp.zaitaku.fhir.storage;

import jp.zaitaku.fhir.server.InterceptorOrder;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jp.zaitaku.fhir.server.FhirServerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Rewrites the full-text search parameters ({@code _content}, {@code _text}) of every search
 * before HAPI parses them, so Japanese words are matched morpheme by morpheme. See
 * {@link JapaneseFullTextQuery}. While the index is known to be behind the database
 * ({@link FullTextIndexLag}), such searches are answered 503 instead.
 */
@Component
@Interceptor
public class JapaneseFullTextQueryInterceptor implements FhirServerInterceptor {

	private final FullTextIndexLag lag;

	public JapaneseFullTextQueryInterceptor(FullTextIndexLag lag) {
		this.lag = lag;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = InterceptorOrder.ANALYSE_JAPANESE_FULL_TEXT)
	public boolean rewriteFullTextParameters(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null || parameters.keySet().stream().noneMatch(JapaneseFullTextQueryInterceptor::isFullTextInAnyForm)) {
			return true;
		}
		lag.behindSince().ifPresent(since -> {
			throw new FullTextIndexBehindException(since);
		});
		Map<String, String[]> rewritten = new LinkedHashMap<>(parameters);
		rewritten.replaceAll((name, values) -> isFullText(name) ? rewriteAll(values) : values);
		request.setParameters(rewritten);
		return true;
	}

	private static boolean isFullTextInAnyForm(String parameterName) {
		return isFullText(parameterName.contains(":") ? parameterName.substring(0, parameterName.indexOf(':')) : parameterName);
	}

	/** Only the plain form: {@code _content:contains} already matches analysed terms in HAPI. */
	private static boolean isFullText(String parameterName) {
		return parameterName.equals(Constants.PARAM_CONTENT) || parameterName.equals(Constants.PARAM_TEXT);
	}

	private static String[] rewriteAll(String[] values) {
		return Arrays.stream(values).map(JapaneseFullTextQueryInterceptor::rewriteOrList).toArray(String[]::new);
	}

	/** A value may hold OR-alternatives separated by unescaped commas; each is rewritten on its own. */
	private static String rewriteOrList(String value) {
		return Arrays.stream(value.split("(?<!\\\\),", -1))
				.map(JapaneseFullTextQuery::rewrite)
				.collect(Collectors.joining(","));
	}
}
