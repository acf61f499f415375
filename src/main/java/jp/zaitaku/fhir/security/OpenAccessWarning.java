package jp.zaitaku.fhir.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Until SMART on FHIR authorization is built (issue 5), every caller that can reach the port may read
 * and write everything. Say so loudly at every start, so nobody mistakes this build for a deployable one.
 */
@Component
class OpenAccessWarning {

	private static final Logger log = LoggerFactory.getLogger(OpenAccessWarning.class);

	@EventListener(ApplicationReadyEvent.class)
	void warn() {
		log.warn("""

				************************************************************************
				*  NO ACCESS CONTROL: this build of Zaitaku FHIR has no authorization  *
				*  yet. Anyone who can reach this port can read and change all data.   *
				*  Do not put real patient data on it or expose it to a network.      *
				************************************************************************""");
	}
}
