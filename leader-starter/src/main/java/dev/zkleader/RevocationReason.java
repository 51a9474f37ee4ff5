package dev.zkleader;

/**
 * Why this instance stopped being the leader.
 */
public enum RevocationReason {

	/**
	 * ZooKeeper could not confirm the leadership before its lease ran out (the connection
	 * has been down for about half the session timeout); another instance may take over
	 * if this session expires. If the same session comes back with its node still first,
	 * this instance leads again.
	 */
	LEASE_EXPIRED,

	/**
	 * The ZooKeeper connection was suspended and {@code leader.connection-loss=suspended}
	 * ends leadership at once; it returns if the same session reconnects in time.
	 */
	CONNECTION_SUSPENDED,

	/**
	 * The ZooKeeper session was lost (expired); this instance rejoins the election with a
	 * new session.
	 */
	CONNECTION_LOST,

	/**
	 * This instance's latch node disappeared while its session lived (for example deleted
	 * by an operator or a cleanup script); the watch on it revokes at once and the
	 * instance rejoins the election.
	 */
	NODE_DELETED,

	/**
	 * The application is shutting down.
	 */
	SHUTDOWN,

	/**
	 * Leadership was given up on request ({@link Leadership#yieldLeadership()}).
	 */
	YIELDED

}
