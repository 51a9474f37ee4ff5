package dev.zkleader.election;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Notices when this JVM stood still (a long GC pause, SIGSTOP, a frozen VM) for longer
 * than a safe fraction of the session timeout. ZooKeeper may have expired the session
 * meanwhile and elected another leader, yet the client keeps believing it leads until it
 * hears from the server again, some hundreds of milliseconds after it resumes. A thread
 * that ticks on the monotonic clock closes that window without a ZooKeeper round trip per
 * call: when a tick comes late, or has not come for too long, leadership counts as
 * suspect until ZooKeeper confirms it again.
 * <p>
 * Internal: created by the auto-configuration.
 */
public final class PauseDetector implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PauseDetector.class);

	private final long thresholdNanos;

	private final long tickNanos;

	private final LongSupplier clock;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final @Nullable Thread thread;

	private volatile long lastTick;

	// Written before lastTick, so that a reader that sees the tick after a pause also
	// sees the pause.
	private volatile long lastPause;

	private volatile boolean paused;

	private volatile boolean closed;

	/**
	 * Starts a detector.
	 * @param threshold how long the JVM may stand still before leadership counts as
	 * suspect
	 */
	public PauseDetector(Duration threshold) {
		this(threshold, System::nanoTime, true);
	}

	/**
	 * Creates a detector on the given clock; without its own ticker thread,
	 * {@link #tick()} must be called.
	 * @param threshold how long the JVM may stand still before leadership counts as
	 * suspect
	 * @param clock a monotonic clock in nanoseconds
	 * @param ticker whether to start the thread that ticks
	 */
	PauseDetector(Duration threshold, LongSupplier clock, boolean ticker) {
		this.thresholdNanos = threshold.toNanos();
		this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
				Math.min(TimeUnit.MILLISECONDS.toNanos(250), this.thresholdNanos / 5));
		this.clock = clock;
		this.lastTick = clock.getAsLong();
		if (ticker) {
			this.thread = new Thread(this::run, "leader-pause-detector");
			this.thread.setDaemon(true);
			this.thread.start();
		}
		else {
			this.thread = null;
		}
	}

	/**
	 * The detector's clock.
	 * @return now, in nanoseconds
	 */
	long now() {
		return this.clock.getAsLong();
	}

	void onPause(Runnable listener) {
		this.listeners.add(listener);
	}

	void removeListener(Runnable listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Whether leadership confirmed at the given time is suspect now: the ticker is
	 * overdue (the JVM may just have resumed), or a pause was seen after the
	 * confirmation.
	 * @param confirmedAt {@link System#nanoTime()} when ZooKeeper last confirmed the
	 * leadership
	 * @return {@code true} if leader-only work must wait for a new confirmation
	 */
	boolean suspectSince(long confirmedAt) {
		if (now() - this.lastTick > this.thresholdNanos) {
			return true;
		}
		return this.paused && this.lastPause - confirmedAt > 0;
	}

	private void run() {
		while (!this.closed) {
			LockSupport.parkNanos(this.tickNanos);
			tick();
		}
	}

	void tick() {
		long now = now();
		long stood = now - this.lastTick - this.tickNanos;
		if (stood > this.thresholdNanos) {
			this.lastPause = now;
			this.paused = true;
			this.lastTick = now;
			logger.warn("This JVM stood still for " + TimeUnit.NANOSECONDS.toMillis(stood) + " ms (longer than "
					+ TimeUnit.NANOSECONDS.toMillis(this.thresholdNanos) + " ms): leader-only work waits until "
					+ "ZooKeeper confirms leadership again");
			this.listeners.forEach(Runnable::run);
		}
		else {
			this.lastTick = now;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		if (this.thread != null) {
			LockSupport.unpark(this.thread);
		}
	}

}
