package dev.zkleader.harness.time;

import java.time.Duration;

/**
 * Sleeping without checked exceptions: an interrupt ends the caller's run.
 */
public final class Pause {

	private Pause() {
	}

	public static void of(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	public static void millis(long millis) {
		of(Duration.ofMillis(millis));
	}

}
