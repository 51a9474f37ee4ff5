package dev.zkleader.benchmarks.participant;

import dev.zkleader.benchmarks.support.EpochMicros;
import org.jspecify.annotations.Nullable;

/**
 * Leader-only work for the contenders that bring no gate of their own (raw Curator,
 * Spring Integration), written as an application would: work runs while the last callback
 * was a grant, and a revocation interrupts the run in progress, as this starter does by
 * default ({@code leader.interrupt-on-revoke}), so that every contender stops its work
 * the same way. Reports each grant and revocation, stamped on arrival.
 */
final class WorkGate {

	private final Settings settings;

	private final Object lock = new Object();

	private boolean leading;

	private @Nullable Thread running;

	WorkGate(Settings settings) {
		this.settings = settings;
	}

	void granted() {
		long now = EpochMicros.now();
		synchronized (this.lock) {
			this.leading = true;
		}
		this.settings.granted().accept(now);
	}

	void revoked() {
		long now = EpochMicros.now();
		synchronized (this.lock) {
			this.leading = false;
			Thread thread = this.running;
			if (thread != null) {
				thread.interrupt();
			}
		}
		this.settings.revoked().accept(now);
	}

	/**
	 * Runs the work if this participant leads.
	 * @param work the work
	 * @return whether it ran
	 */
	boolean run(Runnable work) {
		synchronized (this.lock) {
			if (!this.leading) {
				return false;
			}
			this.running = Thread.currentThread();
		}
		try {
			work.run();
		}
		finally {
			synchronized (this.lock) {
				this.running = null;
			}
			// An interrupt that came after the work ended is not for the next run.
			Thread.interrupted();
		}
		return true;
	}

}
