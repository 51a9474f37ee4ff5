package dev.zkleader.benchmarks.participant;

import org.jspecify.annotations.Nullable;

/**
 * Leader-only work for the contenders that bring no gate of their own (raw Curator,
 * Spring Integration), written as an application would: work runs while the last callback
 * was a grant, and a revocation interrupts the run in progress, as this starter does by
 * default ({@code leader.interrupt-on-revoke}), so that every contender stops its work
 * the same way.
 */
final class WorkGate {

	private final Object lock = new Object();

	private boolean leading;

	private @Nullable Thread running;

	void granted() {
		synchronized (this.lock) {
			this.leading = true;
		}
	}

	void revoked() {
		synchronized (this.lock) {
			this.leading = false;
			Thread thread = this.running;
			if (thread != null) {
				thread.interrupt();
			}
		}
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
