package jp.zaitaku.fhir.security.scopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SMART scopes as written by clients, v1 and v2, and which ones include which. */
class SmartScopeTest {

	private static SmartScope scope(String text) {
		return SmartScope.parse(text).orElseThrow(() -> new AssertionError("not a scope: " + text));
	}

	@Test
	void version1ScopesBecomeTheirVersion2Permissions() {
		assertEquals("rs", scope("patient/Observation.read").permissions());
		assertEquals("cud", scope("user/*.write").permissions());
		assertEquals("cruds", scope("system/*.*").permissions());
	}

	@Test
	void aVersion2ScopeMayBeNarrowedByASearch() {
		SmartScope narrowed = scope("patient/Observation.rs?category=vital-signs");
		assertEquals("category=vital-signs", narrowed.query());
		assertEquals("patient/Observation.rs?category=vital-signs", narrowed.toString());
	}

	@Test
	void malformedScopesAreNoScopes() {
		for (String text : new String[] {"patient/Observation.read?category=x", "patient/observation.rs", "openid", "system/*.",
				"system/*.sc", "doctor/*.rs", "patient/Observation.rs extra", ""}) {
			assertEquals(Optional.empty(), SmartScope.parse(text), text);
		}
	}

	@Test
	void aRegisteredScopeCoversTheNarrowerOnesAClientMayAskFor() {
		assertTrue(scope("system/*.cruds").covers(scope("system/Patient.rs")));
		assertTrue(scope("user/Observation.rs").covers(scope("user/Observation.r")));
		assertFalse(scope("user/Observation.rs").covers(scope("user/Observation.rus")));
		assertFalse(scope("user/*.rs").covers(scope("system/Patient.rs")));
		assertFalse(scope("patient/Observation.rs?category=vital-signs").covers(scope("patient/Observation.rs")));
		assertTrue(scope("patient/Observation.rs").covers(scope("patient/Observation.rs?category=vital-signs")));
	}

	@Test
	void permissionsAreAskedOneByOne() {
		SmartScope readSearch = scope("user/Patient.rs");
		assertTrue(readSearch.allows('r'));
		assertTrue(readSearch.allows('s'));
		assertFalse(readSearch.allows('u'));
	}
}
