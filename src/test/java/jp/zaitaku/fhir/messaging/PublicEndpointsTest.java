package jp.zaitaku.fhir.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rest-hook endpoint must be on the public internet: no SSRF into the hospital's network. */
class PublicEndpointsTest {

	@ParameterizedTest
	@ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.1.2.3/hook", "https://172.16.0.1/",
			"https://192.168.10.20/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/",
			"http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://2130706433/",
			"ftp://example.org/hook", "file:///etc/passwd", "gopher://example.org/", "https://user:pass@example.org/hook",
			"not a url", "https:///nohost", "http://224.0.0.1/"})
	void privateOrOddEndpointsAreRefused(String endpoint) {
		assertTrue(PublicEndpoints.refusal(endpoint).isPresent(), endpoint);
	}

	@ParameterizedTest
	@ValueSource(strings = {"8.8.8.8", "133.242.0.1", "2001:4860:4860::8888", "172.32.0.1", "100.128.0.1", "192.169.0.1"})
	void publicAddressesAreAllowed(String address) throws Exception {
		assertTrue(PublicEndpoints.isPublic(InetAddress.getByName(address)), address);
	}

	@ParameterizedTest
	@ValueSource(strings = {"127.0.0.2", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1", "100.127.255.255", "::1", "fc00::1"})
	void privateAddressesAreNot(String address) throws Exception {
		assertFalse(PublicEndpoints.isPublic(InetAddress.getByName(address)), address);
	}
}
