package dev.zkleader.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One step of the scenario and the spread it ended with.
 *
 * @param what what happened
 * @param balancedAfter from the moment it happened to the last grant of the spread
 * @param spread the elections each running instance led then
 */
record BalancePhase(String what, Duration balancedAfter, Map<String, List<String>> spread) {

	String describe() {
		return "after " + this.what + ": "
				+ this.spread.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " " + String.join(",", entry.getValue()))
					.collect(Collectors.joining(" | "))
				+ " (" + this.balancedAfter.toMillis() + " ms)";
	}

}
