package dev.zkleader;

/**
 * Why this instance stopped being the leader.
 */
public enum RevocationReason {

	/**
	 * The ZooKeeper connection was suspended; another instance may take over once this
	 * session expires.
	 */
	CONNECTION_SUSPENDED,

	/**
	 * The ZooKeeper session was lost (expired); this instance rejoins the election with a
	 * new session.
	 */
	CONNECTION_LOST,

	/**
	 * This instance's latch node disappeared while it was connected (for example deleted
	 * by an operator); it rejoins the election.
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
