package dev.zkleader.election;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How leaderships of named elections are spread across instances.
 * <p>
 * Internal: created by the auto-configuration from {@code leader.balance.*}.
 *
 * @param enabled whether this instance balances at all
 * @param settleDelay how long to wait between two balancing steps, so that the elections
 * settle after each change
 * @param minTenure how long this instance leads an election before it may yield it to
 * balance
 * @param tolerance how many leaderships above the fair share (or below it, for the
 * instance that would take one) are accepted before a step is taken
 * @param balanced which named elections take part
 */
public record BalanceSettings(boolean enabled, Duration settleDelay, Duration minTenure, int tolerance,
		Predicate<String> balanced) {

	/**
	 * No balancing.
	 */
	public static final BalanceSettings OFF = new BalanceSettings(false, Duration.ofSeconds(10), Duration.ZERO, 0,
			(name) -> false);

}
