package jp.zaitaku.fhir.server;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: where a person who opened the server's address in a browser, or a client that asked
 * its root, goes next: the FHIR base, its CapabilityStatement, SMART discovery, Swagger UI, health.
 * Public, like the documents it points to; it says nothing about data.
 */
@RestController
public class LandingPage {

	private static final String HTML = """
			<!DOCTYPE html>
			<html lang="ja"><head><meta charset="utf-8"><title>Zaitaku FHIR</title>
			<style>body{font-family:sans-serif;max-width:42rem;margin:2rem auto;line-height:1.6}code{background:#f3f3f3;padding:0 .2em}</style>
			</head><body>
			<h1>Zaitaku FHIR（在宅療養 FHIR サーバ）</h1>
			<p>A FHIR R4 server for home medical and long-term care teams. 在宅医療・介護連携のための FHIR R4 サーバです。</p>
			<ul>
			<li>FHIR base / FHIR ベース URL: <a href="fhir"><code>/fhir</code></a> (every request needs an access token, SMART on FHIR / アクセストークンが必要です)</li>
			<li>CapabilityStatement: <a href="fhir/metadata"><code>/fhir/metadata</code></a></li>
			<li>SMART configuration: <a href="fhir/.well-known/smart-configuration"><code>/fhir/.well-known/smart-configuration</code></a></li>
			<li>API documentation, try it with a token / API の説明と試用: <a href="fhir/swagger-ui/">Swagger UI</a>, <a href="fhir/api-docs">OpenAPI</a></li>
			<li>Health / 稼働状況: <a href="actuator/health"><code>/actuator/health</code></a></li>
			</ul>
			<p>Documentation: README.md and docs/ in the server's source (getting a token: docs/security.md).</p>
			</body></html>
			""";

	private static final String JSON = """
			{"server":"Zaitaku FHIR","fhirBase":"/fhir","capabilityStatement":"/fhir/metadata",
			 "smartConfiguration":"/fhir/.well-known/smart-configuration","openApi":"/fhir/api-docs",
			 "swaggerUi":"/fhir/swagger-ui/","health":"/actuator/health"}
			""";

	/** SMART's discovery document lives under the FHIR base; a client that looks for it at the root is sent there. */
	@GetMapping("/.well-known/smart-configuration")
	public ResponseEntity<Void> smartConfigurationAtTheRoot() {
		return ResponseEntity.status(308).location(java.net.URI.create("/fhir/.well-known/smart-configuration")).build();
	}

	@GetMapping("/")
	public ResponseEntity<String> root(@RequestHeader(value = "Accept", required = false) String accept) {
		boolean browser = accept == null || accept.contains("text/html") || !accept.contains("json");
		return ResponseEntity.ok()
				.contentType(browser ? new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON)
				.body(browser ? HTML : JSON);
	}
}
