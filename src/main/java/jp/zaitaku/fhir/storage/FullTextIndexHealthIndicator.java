package jp.zaitaku.fhir.storage;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code fullTextIndex} in {@code /actuator/health}, part of the readiness group: out of service while
 * the index is catching up with the database, so a load balancer sends no traffic to a server whose
 * full-text searches would answer 503.
 */
@Component
public class FullTextIndexHealthIndicator implements HealthIndicator {

	private final FullTextIndexLag lag;
	private final FullTextIndexRebuilder rebuilder;

	public FullTextIndexHealthIndicator(FullTextIndexLag lag, FullTextIndexRebuilder rebuilder) {
		this.lag = lag;
		this.rebuilder = rebuilder;
	}

	@Override
	public Health health() {
		if (lag.behindSince().isEmpty()) {
			return Health.up().build();
		}
		return Health.outOfService()
				.withDetail("behindSince", lag.behindSince().get().toString())
				.withDetail("reindexed", rebuilder.status().indexed())
				.build();
	}
}
