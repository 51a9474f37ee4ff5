package dev.zkleader.election;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;

import dev.zkleader.gate.LeaderWorkRun;
import org.jspecify.annotations.Nullable;

/**
 * The leader-only calls of one election that are running now: revocation interrupts them,
 * and a yield or shutdown waits for them (drains) before handing leadership over.
 */
final class RunningCalls {

	// The innermost run on each thread, of any election, so that a nested call's end
	// leaves an interrupt meant for an enclosing call alone.
	private static final ThreadLocal<@Nullable Run> innermost = new ThreadLocal<>();

	private final String election;

	private final Set<Run> runs = ConcurrentHashMap.newKeySet();

	private final Object monitor = new Object();

	private final LongAdder executed = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	RunningCalls(String election) {
		this.election = election;
	}

	/**
	 * Registers a run on the calling thread.
	 * @param token the fencing token it runs under
	 * @param stillLeading tells whether the leadership of a token still stands
	 * @return the run, to be {@link Run#end() ended} or {@link #abandon(Run) abandoned}
	 */
	Run register(long token, LongPredicate stillLeading) {
		Run run = new Run(token, stillLeading, innermost.get());
		innermost.set(run);
		this.runs.add(run);
		return run;
	}

	/**
	 * Counts a run as executed.
	 * @param run the run that may proceed
	 * @return the run
	 */
	LeaderWorkRun admit(Run run) {
		this.executed.increment();
		return run;
	}

	/**
	 * Ends a run that was registered but must not proceed, and counts it as skipped.
	 * @param run the run
	 */
	void abandon(Run run) {
		run.end();
		this.skipped.increment();
	}

	void skipped() {
		this.skipped.increment();
	}

	long executedCount() {
		return this.executed.sum();
	}

	long skippedCount() {
		return this.skipped.sum();
	}

	/**
	 * Interrupts every running call but those of the exempt thread (one that revokes from
	 * inside a call of its own).
	 * @param exempt the thread to spare, or {@code null}
	 */
	void interrupt(@Nullable Thread exempt) {
		this.runs.forEach((run) -> run.interrupt(exempt));
	}

	/**
	 * Waits for running calls, but those of the exempt thread, to end.
	 * @param timeout how long to wait at most
	 * @param exempt the thread not to wait for, or {@code null}
	 * @return how many calls still run
	 */
	int drain(Duration timeout, @Nullable Thread exempt) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			int running;
			while ((running = running(exempt)) > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return running;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return running(exempt);
				}
			}
			return 0;
		}
	}

	private int running(@Nullable Thread exempt) {
		return (int) this.runs.stream().filter((run) -> run.thread != exempt).count();
	}

	/**
	 * A leader-only call in progress on one thread.
	 */
	final class Run implements LeaderWorkRun {

		private final Thread thread = Thread.currentThread();

		private final long token;

		private final LongPredicate stillLeading;

		private final @Nullable Run enclosing;

		private boolean ended;

		private boolean interrupted;

		Run(long token, LongPredicate stillLeading, @Nullable Run enclosing) {
			this.token = token;
			this.stillLeading = stillLeading;
			this.enclosing = enclosing;
		}

		@Override
		public String election() {
			return RunningCalls.this.election;
		}

		@Override
		public long token() {
			return this.token;
		}

		@Override
		public boolean stillLeading() {
			return this.stillLeading.test(this.token);
		}

		synchronized void interrupt(@Nullable Thread exempt) {
			if (!this.ended && this.thread != exempt) {
				this.interrupted = true;
				this.thread.interrupt();
			}
		}

		private synchronized boolean wasInterrupted() {
			return this.interrupted;
		}

		@Override
		public void end() {
			synchronized (this) {
				this.ended = true;
				// The interrupt was ours and meant for this call only: do not leak it
				// into
				// the caller, unless an enclosing call was interrupted too.
				if (this.interrupted && !enclosingInterrupted()) {
					Thread.interrupted();
				}
			}
			if (innermost.get() == this) {
				if (this.enclosing != null) {
					innermost.set(this.enclosing);
				}
				else {
					innermost.remove();
				}
			}
			RunningCalls.this.runs.remove(this);
			synchronized (RunningCalls.this.monitor) {
				RunningCalls.this.monitor.notifyAll();
			}
		}

		private boolean enclosingInterrupted() {
			for (Run outer = this.enclosing; outer != null; outer = outer.enclosing) {
				if (outer.wasInterrupted()) {
					return true;
				}
			}
			return false;
		}

	}

}
