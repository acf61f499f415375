package jp.zaitaku.fhir.profiles;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.utilities.OIDUtilities;
import org.junit.jupiter.api.Test;

/**
 * The FHIR validator builds a new InstanceValidator for every validation, and each one parses the
 * 21,000-line HL7 OID registry ({@code oidregistry.csv}) from the classpath: measured, that was
 * most of the CPU of a validated write (about 50 Communications/s on 2 cores). The registry only
 * answers "is this urn:oid: URL known?", and when it says no the validator asks HAPI's JPA
 * resource fetcher, which answers yes to every URL; so on this server the registry never changes
 * a verdict. Our jar therefore puts an empty registry (header only) first on the classpath.
 */
class OidRegistryShadowTest {

	@Test
	void theValidatorLoadsOurEmptyOidRegistry() {
		OIDUtilities registry = new OIDUtilities();
		assertFalse(registry.isKnownOID("2.16.840.1.113883"), "HL7's root OID is in the library's registry, not in ours");
		assertTrue(OIDUtilities.isValidOID("1.2.392.100495.20.3.51.1"), "OID syntax checks do not need the registry");
	}
}
