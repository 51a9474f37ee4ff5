package dev.zkleader.demo;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a balance demo run.
 *
 * @param phases each step of the scenario and the spread it ended with
 * @param leaderships every leadership of every named election, in order
 * @param yieldGapsMillis for each balancing yield, the time until the next leader of that
 * election was granted
 * @param shutdownGapsMillis the same for each leadership handed over at shutdown
 * @param overlaps moments with two leaders of one election (must be empty)
 * @param failure why the scenario did not complete, or {@code null}
 * @param picture the timeline picture, or {@code null} when nobody led
 */
record BalanceResult(List<BalancePhase> phases, List<BalanceTimeline.Leadership> leaderships,
		List<Long> yieldGapsMillis, List<Long> shutdownGapsMillis, List<String> overlaps, @Nullable String failure,
		@Nullable Path picture) {

	boolean succeeded() {
		return this.failure == null && this.overlaps.isEmpty();
	}

}
