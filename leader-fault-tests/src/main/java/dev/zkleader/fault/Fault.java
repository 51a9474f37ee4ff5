package dev.zkleader.fault;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One fault the nemesis injected.
 *
 * @param number its position, from 1
 * @param kind what was done
 * @param victim what it hit: the leader's participant id, or the ensemble's members
 * ({@code zookeeper-2}, {@code ensemble})
 * @param leader the participant that led when it was injected
 * @param victimToken the fencing token that must be replaced after it (the leader's); 0
 * when the same leader may carry on (a fault of ZooKeeper, a reset)
 * @param injectedAt when it was injected (epoch ms)
 * @param healedAt when it ended: SIGCONT, the cut restored, the ensemble serving again
 * (the injection time for a kill or a reset)
 * @param measuredFrom where the leaderless gap it causes is measured from: the injection,
 * except for a fault of ZooKeeper, where no leader can work before it serves again
 * @param hits when each of its blows began: the injection, and for a rolling restart each
 * further member's stop
 */
record Fault(int number, FaultKind kind, String victim, String leader, long victimToken, long injectedAt, long healedAt,
		long measuredFrom, List<Long> hits) {

	static final String HEADER = "number\tkind\tvictim\tleader\tvictim_token\tinjected_at\thealed_at\tmeasured_from"
			+ "\thits";

	Fault(int number, FaultKind kind, String victim, String leader, long victimToken, long injectedAt, long healedAt,
			long measuredFrom) {
		this(number, kind, victim, leader, victimToken, injectedAt, healedAt, measuredFrom, List.of(injectedAt));
	}

	String toTsv() {
		return this.number + "\t" + this.kind + "\t" + this.victim + "\t" + this.leader + "\t" + this.victimToken + "\t"
				+ this.injectedAt + "\t" + this.healedAt + "\t" + this.measuredFrom + "\t"
				+ this.hits.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	/**
	 * When the blow began that a disconnection at a given moment followed.
	 * @param moment the disconnection (epoch ms)
	 * @return the latest hit at or before it (the injection if none)
	 */
	long hitBefore(long moment) {
		return this.hits.stream()
			.filter((hit) -> hit <= moment)
			.mapToLong(Long::longValue)
			.max()
			.orElse(this.injectedAt);
	}

	String describe() {
		return "fault #" + this.number + " " + this.kind + " of " + this.victim;
	}

}
