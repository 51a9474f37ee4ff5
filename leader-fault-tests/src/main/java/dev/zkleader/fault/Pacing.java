package dev.zkleader.fault;

import java.time.Duration;

/**
 * Sleeps of the harness itself: pacing the nemesis and polling a process for readiness.
 * Nothing is asserted after a sleep; every check waits for its event.
 */
final class Pacing {

	private Pacing() {
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
