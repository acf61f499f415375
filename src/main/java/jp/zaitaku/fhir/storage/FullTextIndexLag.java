package jp.zaitaku.fhir.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the full-text index is known to be missing writes the database has, and since when.
 *
 * <p>Decided once, when the server starts, from three files next to the index: the analysis the index
 * was built with ({@link #FINGERPRINT_FILE}; absent or different means the whole index is behind), the
 * heartbeat of a run that stopped abruptly ({@link IndexOpenMarker}; the last moments before it may be
 * missing), and a catch-up that did not finish ({@link #PENDING_FILE}; a crash during the catch-up
 * itself). While the index is behind, full-text searches are refused rather than answered
 * incompletely, and the server does not report itself ready.
 */
@Component
public class FullTextIndexLag {

	static final String FINGERPRINT_FILE = "zaitaku-analysis.txt";
	static final String PENDING_FILE = "zaitaku-index-pending.txt";
	/** Index changes older than this before the last heartbeat were certainly committed. */
	static final Duration CRASH_MARGIN = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(FullTextIndexLag.class);

	private final Path fingerprintFile;
	private final Path pendingFile;
	private volatile Optional<Instant> behindSince;

	public FullTextIndexLag(StorageProperties storage, IndexOpenMarker openMarker) {
		Path luceneDir = storage.luceneDir();
		this.fingerprintFile = luceneDir.resolve(FINGERPRINT_FILE);
		this.pendingFile = luceneDir.resolve(PENDING_FILE);
		this.behindSince = Stream.of(wholeIndexIfAnalysisChanged(), unfinishedCatchUp(),
						openMarker.lastHeartbeatOfAnUncleanRun().map(lastBeat -> lastBeat.minus(CRASH_MARGIN)))
				.flatMap(Optional::stream)
				.min(Instant::compareTo);
		behindSince.ifPresent(this::remember);
	}

	public boolean isBehind() {
		return behindSince.isPresent();
	}

	/** Resources updated since this moment may be missing from the index. */
	public Optional<Instant> behindSince() {
		return behindSince;
	}

	/**
	 * A re-index of everything updated since {@code rebuiltSince} has finished: if that covers the
	 * lag, the index is whole again.
	 */
	public synchronized void rebuiltSince(Instant rebuiltSince) {
		if (behindSince.isPresent() && !rebuiltSince.isAfter(behindSince.get())) {
			try {
				Files.createDirectories(fingerprintFile.getParent());
				Files.writeString(fingerprintFile, JapaneseTextAnalysis.fingerprint(), StandardCharsets.UTF_8);
				Files.deleteIfExists(pendingFile);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			behindSince = Optional.empty();
			log.info("The full-text index has caught up with the database");
		}
	}

	/** The index is known to miss what was written since then (tests put a running server in this state). */
	synchronized void markBehindSince(Instant since) {
		behindSince = Optional.of(behindSince.filter(earlier -> earlier.isBefore(since)).orElse(since));
		remember(behindSince.get());
	}

	private Optional<Instant> wholeIndexIfAnalysisChanged() {
		if (!Files.isRegularFile(fingerprintFile)) {
			log.info("The full-text index directory is new; it is built from the database before full-text searches are served");
			return Optional.of(Instant.EPOCH);
		}
		if (!JapaneseTextAnalysis.fingerprint().equals(readQuietly(fingerprintFile))) {
			log.warn("The full-text index was built with another analysis; it is rebuilt before full-text searches are served");
			return Optional.of(Instant.EPOCH);
		}
		return Optional.empty();
	}

	private Optional<Instant> unfinishedCatchUp() {
		if (!Files.isRegularFile(pendingFile)) {
			return Optional.empty();
		}
		try {
			Instant since = Instant.parse(readQuietly(pendingFile).trim());
			log.warn("A catch-up of the full-text index (since {}) did not finish last time; it is redone", since);
			return Optional.of(since);
		} catch (DateTimeParseException torn) {
			return Optional.of(Instant.EPOCH);
		}
	}

	/** Written before the catch-up starts, so a crash during it does not forget what is missing. */
	private void remember(Instant since) {
		try {
			Files.createDirectories(pendingFile.getParent());
			Path next = pendingFile.resolveSibling(PENDING_FILE + ".next");
			Files.writeString(next, since.toString(), StandardCharsets.UTF_8);
			Files.move(next, pendingFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		} catch (IOException | UncheckedIOException unreadable) {
			return "";
		}
	}
}
