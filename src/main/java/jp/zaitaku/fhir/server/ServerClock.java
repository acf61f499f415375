package jp.zaitaku.fhir.server;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's time, as one {@link Clock} bean. Whatever decides by the time (a team member's period,
 * an emergency access's end, the time an event is recorded; the on-call rota and escalations to come)
 * takes it instead of calling {@code Instant.now()}, so tests move the clock instead of sleeping.
 * Token lifetimes follow Spring Authorization Server's own clock (the system's).
 */
@Configuration(proxyBeanMethods = false)
public class ServerClock {

	@Bean
	@ConditionalOnMissingBean
	public Clock clock() {
		return Clock.systemUTC();
	}
}
