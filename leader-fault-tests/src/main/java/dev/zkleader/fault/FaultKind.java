package dev.zkleader.fault;

/**
 * What the nemesis can do.
 */
enum FaultKind {

	/**
	 * SIGKILL of the leader; a replacement instance is started so that the count stays.
	 */
	KILL,

	/**
	 * SIGSTOP of the leader for longer than the session timeout, then SIGCONT: a long GC
	 * pause.
	 */
	PAUSE,

	/**
	 * Blackholing the leader's ZooKeeper traffic for longer than the session timeout,
	 * then restoring it: a network partition between the leader and ZooKeeper only (it
	 * can still reach the register).
	 */
	PARTITION,

	/**
	 * SIGKILL of the ZooKeeper server and a restart on the same port and data directory.
	 */
	ZK_RESTART

}
