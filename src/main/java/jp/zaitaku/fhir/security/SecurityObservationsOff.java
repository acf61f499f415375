package jp.zaitaku.fhir.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security wraps every filter of its chain and every authorization decision in a Micrometer
 * observation as soon as an observation registry exists (Actuator brings one). Nothing on this server
 * exports those observations, and a profile of reads showed them as a noticeable part of each request's CPU.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationsOff {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}
}
