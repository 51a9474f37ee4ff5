package dev.zkleader.benchmarks.support;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch, comparable across the processes of one
 * machine.
 * <p>
 * {@code System.nanoTime()} has a different origin in every JVM, so it cannot compare a
 * moment in one participant with a moment in another. {@link Instant#now()} reads the
 * kernel's {@code CLOCK_REALTIME}, the one clock all processes share, at microsecond (or
 * finer) resolution on Linux with JDK 17. Each participant stamps its own events the
 * moment they happen, so neither pipe latency nor the scheduling of the driver's reader
 * threads enters a measurement.
 */
public final class EpochMicros {

	private EpochMicros() {
	}

	/**
	 * The current wall-clock time.
	 * @return microseconds since the epoch
	 */
	public static long now() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

}
