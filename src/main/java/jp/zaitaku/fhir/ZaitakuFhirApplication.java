package jp.zaitaku.fhir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Zaitaku FHIR (在宅療養 FHIR サーバ): the entry point, nothing else. */
// HAPI schedules its own Quartz jobs and renders its own Thymeleaf pages; Boot's auto-configured
// ones would only compete with them.
@SpringBootApplication(exclude = {QuartzAutoConfiguration.class, ThymeleafAutoConfiguration.class})
@ConfigurationPropertiesScan
public class ZaitakuFhirApplication {

	public static void main(String[] args) {
		SpringApplication.run(ZaitakuFhirApplication.class, args);
	}
}
