package jp.zaitaku.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared test server's clock: the system's, moved forward (or back) by a test that needs
 * another time of day or a later date. A test that moves it puts it back with {@link #reset()} in a
 * {@code finally}: the server is shared by every test of the run.
 */
public final class AdjustableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	/** Moves the server's time by {@code amount} from where it is now. */
	public void advance(Duration amount) {
		offset.updateAndGet(current -> current.plus(amount));
	}

	/** Back to the system's time. */
	public void reset() {
		offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), offset.get());
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset.get());
	}
}
