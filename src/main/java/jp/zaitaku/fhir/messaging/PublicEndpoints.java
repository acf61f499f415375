package jp.zaitaku.fhir.messaging;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether a rest-hook endpoint is on the public internet. A Subscription makes the server send
 * requests wherever its endpoint points; without this check anyone allowed to subscribe could make the
 * server call into the hospital's own network (SSRF). Refused: other schemes than http(s), user info in
 * the URL, names that do not resolve, and any address that is loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10, where cloud metadata services live),
 * shared (100.64/10), unspecified or multicast.
 */
final class PublicEndpoints {

	private PublicEndpoints() {}

	/** Why {@code endpoint} may not be called, or empty when it may. */
	static Optional<String> refusal(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint == null ? "" : endpoint.strip());
		} catch (URISyntaxException e) {
			return Optional.of("the endpoint is not a URL");
		}
		if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
			return Optional.of("the endpoint must be an http or https URL");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("the endpoint may not carry a user name or password; send credentials in channel.header");
		}
		String host = uri.getHost();
		if (host == null || host.isBlank()) {
			return Optional.of("the endpoint has no host");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		} catch (UnknownHostException e) {
			return Optional.of("the endpoint's host " + host + " does not resolve");
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				return Optional.of("the endpoint's host " + host + " is a loopback, private or link-local address (" + address.getHostAddress()
						+ "); the server delivers only to public addresses");
			}
		}
		return Optional.empty();
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
				|| address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return (bytes[0] & 0xfe) != 0xfc; // fc00::/7, unique local
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return !(first == 100 && second >= 64 && second <= 127) // 100.64/10, carrier-grade NAT
				&& first != 0;
	}
}
