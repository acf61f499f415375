package jp.zaitaku.fhir.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, rebuilds the full-text index in the background when it was made with another
 * analysis, or is new (deleted, moved, first start against an existing external database); the
 * analysis in use is recorded next to the index once a rebuild has finished. After an abrupt stop
 * (see {@link IndexOpenMarker}) it re-indexes only what was written shortly before it.
 */
@Component
public class FullTextIndexStartupCheck {

	private static final Logger log = LoggerFactory.getLogger(FullTextIndexStartupCheck.class);
	static final String FINGERPRINT_FILE = "zaitaku-analysis.txt";

	private final FullTextIndexRebuilder rebuilder;
	private final Path fingerprintFile;

	/** Index changes older than this before the last heartbeat were certainly committed. */
	private static final java.time.Duration CRASH_MARGIN = java.time.Duration.ofMinutes(1);

	private final IndexOpenMarker openMarker;

	public FullTextIndexStartupCheck(FullTextIndexRebuilder rebuilder, StorageProperties storage, IndexOpenMarker openMarker) {
		this.rebuilder = rebuilder;
		this.openMarker = openMarker;
		this.fingerprintFile = storage.luceneDir().resolve(FINGERPRINT_FILE);
	}

	@EventListener(ApplicationReadyEvent.class)
	public void rebuildIfTheAnalysisChanged() throws IOException {
		String current = JapaneseTextAnalysis.fingerprint();
		if (Files.isRegularFile(fingerprintFile)
				&& Files.readString(fingerprintFile, StandardCharsets.UTF_8).equals(current)) {
			openMarker.lastHeartbeatOfAnUncleanRun().ifPresent(lastBeat -> {
				log.warn("Re-indexing resources written since {} (the last run stopped abruptly)", lastBeat.minus(CRASH_MARGIN));
				rebuilder.start(lastBeat.minus(CRASH_MARGIN));
			});
			return;
		}
		if (Files.isRegularFile(fingerprintFile)) {
			log.warn("The full-text index was built with another analysis; rebuilding it in the background");
		} else {
			log.info("Building the full-text index from the database in the background (a new index directory)");
		}
		rebuilder.start();
		CompletableFuture.runAsync(() -> recordWhenDone(current));
	}

	private void recordWhenDone(String fingerprint) {
		try {
			if (rebuilder.awaitCompletion().error() == null) {
				Files.createDirectories(fingerprintFile.getParent());
				Files.writeString(fingerprintFile, fingerprint, StandardCharsets.UTF_8);
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (Exception e) {
			log.error("Could not record the full-text analysis in use", e);
		}
	}
}
