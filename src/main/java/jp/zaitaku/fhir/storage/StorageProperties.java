package jp.zaitaku.fhir.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the server keeps its state: the embedded PostgreSQL cluster and the Lucene full-text index.
 *
 * @param dataDir root of all local state ({@code ZAITAKU_DATA_DIR}, default {@code ./data})
 * @param embeddedPostgresPort TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties(prefix = "zaitaku.storage")
public record StorageProperties(Path dataDir, int embeddedPostgresPort) {

	public StorageProperties {
		if (dataDir == null) {
			dataDir = Path.of("data");
		}
		dataDir = dataDir.toAbsolutePath().normalize();
	}

	public Path postgresDir() {
		return dataDir.resolve("postgres");
	}

	public Path luceneDir() {
		return dataDir.resolve("lucene");
	}
}
