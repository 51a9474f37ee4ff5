package dev.zkleader.fault;

/**
 * What the nemesis can do: four faults that hit the leading instance, five that hit the
 * ZooKeeper ensemble (or the leader's connection to it).
 */
enum FaultKind {

	/**
	 * SIGKILL of the leader; a replacement instance is started so that the count stays.
	 */
	KILL(false, false),

	/**
	 * SIGSTOP of the leader for longer than the session timeout, then SIGCONT: a long GC
	 * pause.
	 */
	PAUSE(false, false),

	/**
	 * Blackholing the leader's ZooKeeper traffic (to every member) for longer than the
	 * session timeout, then restoring it: a network partition between the leader and
	 * ZooKeeper only (it can still reach the register).
	 */
	PARTITION(false, false),

	/**
	 * Resetting the leader's ZooKeeper connection: the client notices at once and
	 * reconnects, to any member, with the same session.
	 */
	RESET(true, false),

	/**
	 * SIGKILL of every ensemble member and a restart of all of them, on the same ports
	 * and data directories: a power cut of ZooKeeper.
	 */
	ZK_RESTART(true, true),

	/**
	 * A restart (SIGTERM, start, serving again) of one follower of the ensemble: the one
	 * the leader is connected to, if it is connected to a follower.
	 */
	FOLLOWER_RESTART(true, true),

	/**
	 * A restart of the ensemble's leader: the other members elect a new one and every
	 * client reconnects.
	 */
	LEADER_RESTART(true, true),

	/**
	 * A rolling restart of the ensemble, followers first, its leader last, each member
	 * serving again before the next goes down.
	 */
	ROLLING_RESTART(true, true),

	/**
	 * Two members down (the ensemble's leader and one more) for longer than the lease,
	 * then started again: no quorum meanwhile, so nobody can confirm or take over a
	 * leadership.
	 */
	QUORUM_LOSS(false, true);

	private final boolean ridesOut;

	private final boolean hitsZooKeeper;

	FaultKind(boolean ridesOut, boolean hitsZooKeeper) {
		this.ridesOut = ridesOut;
		this.hitsZooKeeper = hitsZooKeeper;
	}

	/**
	 * Whether the lease must ride this fault out when the leader's connection came back
	 * before its lease could end: no revocation, no interrupted run.
	 * @return whether the same leader must carry on
	 */
	boolean ridesOut() {
		return this.ridesOut;
	}

	/**
	 * Whether the fault hits ZooKeeper rather than an instance; no leader can work before
	 * the ensemble serves again, so its gap is measured from then.
	 * @return whether it hits the ensemble
	 */
	boolean hitsZooKeeper() {
		return this.hitsZooKeeper;
	}

}
