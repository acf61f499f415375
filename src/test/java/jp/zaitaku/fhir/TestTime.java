package jp.zaitaku.fhir;

import java.time.Duration;

/**
 * Time limits of the tests, scaled for slow machines: {@code ZAITAKU_TEST_TIME_SCALE=3 mvn verify}
 * (or {@code -Dzaitaku.test.time-scale=3}) triples every limit. The limits themselves are set for a
 * busy two-core machine already.
 */
public final class TestTime {

	private static final double SCALE = scale();

	private TestTime() {}

	/** {@code limit}, times the scale. */
	public static Duration scaled(Duration limit) {
		return Duration.ofMillis((long) (limit.toMillis() * SCALE));
	}

	private static double scale() {
		String setting = System.getProperty("zaitaku.test.time-scale", System.getenv("ZAITAKU_TEST_TIME_SCALE"));
		if (setting == null || setting.isBlank()) {
			return 1;
		}
		double scale = Double.parseDouble(setting.trim());
		if (!(scale > 0)) {
			throw new IllegalArgumentException("zaitaku.test.time-scale must be a positive number, not " + setting);
		}
		return scale;
	}
}
