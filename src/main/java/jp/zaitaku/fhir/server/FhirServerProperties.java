package jp.zaitaku.fhir.server;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the FHIR endpoint answers callers.
 *
 * @param publicBaseUrl the base URL callers see (behind a proxy); empty means taken from each request
 * @param maxRequestSize largest request body accepted; larger ones get 413
 * @param maxTransactionEntries largest transaction/batch Bundle accepted
 * @param defaultPageSize search page size when the caller gives no {@code _count}
 * @param maxPageSize largest {@code _count} honoured
 * @param corsAllowedOrigins origins allowed to call from a browser (SMART apps); empty disables CORS
 * @param maxBodyValues most values (JSON objects, arrays and primitives; XML elements) one request
 *     body may hold; more gets 413, whatever its size in bytes
 * @param maxRepetitions most entries one array (one repeating element) may hold; more gets 413
 */
@ConfigurationProperties(prefix = "zaitaku.server")
public record FhirServerProperties(
		@DefaultValue("") String publicBaseUrl,
		@DefaultValue("20MB") DataSize maxRequestSize,
		@DefaultValue("1000") int maxTransactionEntries,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maxPageSize,
		@DefaultValue("*") List<String> corsAllowedOrigins,
		@DefaultValue("500000") int maxBodyValues,
		@DefaultValue("10000") int maxRepetitions) {}
