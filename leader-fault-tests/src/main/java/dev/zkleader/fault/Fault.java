package dev.zkleader.fault;

/**
 * One fault the nemesis injected.
 *
 * @param number its position, from 1
 * @param kind what was done
 * @param victim the participant it hit (the leader), or {@code zookeeper}
 * @param victimToken the fencing token the victim led under when hit (0 for a ZooKeeper
 * restart)
 * @param injectedAt when it was injected (epoch ms)
 * @param healedAt when it ended: SIGCONT, the cut restored, the restarted server serving
 * (the injection time for a kill)
 * @param measuredFrom where the leaderless gap it causes is measured from: the injection,
 * except for a ZooKeeper restart, where no leader can exist before the server serves
 * again
 */
record Fault(int number, FaultKind kind, String victim, long victimToken, long injectedAt, long healedAt,
		long measuredFrom) {

	static final String HEADER = "number\tkind\tvictim\tvictim_token\tinjected_at\thealed_at\tmeasured_from";

	String toTsv() {
		return this.number + "\t" + this.kind + "\t" + this.victim + "\t" + this.victimToken + "\t" + this.injectedAt
				+ "\t" + this.healedAt + "\t" + this.measuredFrom;
	}

	String describe() {
		return "fault #" + this.number + " " + this.kind + " of " + this.victim;
	}

}
