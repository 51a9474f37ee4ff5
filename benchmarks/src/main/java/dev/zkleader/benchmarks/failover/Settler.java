package dev.zkleader.benchmarks.failover;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.harness.time.Pause;

/**
 * Waits until every election of a maintenance run has settled after a disturbance: one
 * leader by the participants' own reports, every participant's node in place as an
 * observer client sees it, and both still so after a quiet time (so that late effects of
 * the disturbance, such as a recipe rejoining after it reconnected, fall into its
 * window).
 */
final class Settler {

	private final ParticipantFleet fleet;

	private final Map<Contender, ParticipantFleet.Group> groups;

	private final Map<Contender, ElectionHistory> histories;

	private final MaintenanceBenchmark.Settings settings;

	Settler(ParticipantFleet fleet, Map<Contender, ParticipantFleet.Group> groups,
			Map<Contender, ElectionHistory> histories, MaintenanceBenchmark.Settings settings) {
		this.fleet = fleet;
		this.groups = groups;
		this.histories = histories;
		this.settings = settings;
	}

	void settle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			this.fleet.await("one leader in every election", this::oneLeaderEach,
					Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1)));
			while (!allNodes()) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The participants' nodes were not all back within "
							+ timeout.toSeconds() + " s: " + nodeCounts());
				}
				Pause.millis(50);
			}
			Pause.of(this.settings.quiet());
			if (this.fleet.read(this::oneLeaderEach) && allNodes()) {
				return;
			}
		}
	}

	/**
	 * The participant that leads an election now (under the fleet's monitor).
	 * @param group the election
	 * @return its leader
	 */
	ParticipantProcess leaderOf(ParticipantFleet.Group group) {
		Set<String> leading = this.histories.get(group.contender()).leading();
		return group.members()
			.stream()
			.filter((member) -> leading.contains(member.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No leader in " + group.contender()));
	}

	private boolean oneLeaderEach() {
		return this.histories.values().stream().allMatch((history) -> history.leading().size() == 1);
	}

	private boolean allNodes() {
		return this.groups.entrySet()
			.stream()
			.allMatch((entry) -> nodes(entry.getKey(), entry.getValue()) == this.settings.participants());
	}

	private String nodeCounts() {
		StringBuilder counts = new StringBuilder();
		this.groups.forEach((contender,
				group) -> counts.append(contender.shortName()).append('=').append(nodes(contender, group)).append(' '));
		return counts.toString().trim();
	}

	private int nodes(Contender contender, ParticipantFleet.Group group) {
		try {
			return this.fleet.nodes(contender.nodeParent(group.path()));
		}
		catch (IllegalStateException ex) {
			// The observer itself is reconnecting after a restart.
			return -1;
		}
	}

}
