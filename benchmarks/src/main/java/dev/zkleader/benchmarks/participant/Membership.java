package dev.zkleader.benchmarks.participant;

/**
 * One contender's way to take part in an election: join, leave gracefully, and report
 * every grant of leadership to a callback, stamped the moment it arrives.
 */
interface Membership {

	/**
	 * Joins the election as a new instance (a new client and session).
	 * @throws Exception if joining fails
	 */
	void join() throws Exception;

	/**
	 * The session timeout ZooKeeper negotiated for the current client.
	 * @return milliseconds
	 * @throws Exception if the client cannot tell
	 */
	int negotiatedSessionTimeoutMillis() throws Exception;

	/**
	 * Leaves the election the way the contender shuts down normally.
	 * @throws Exception if leaving fails
	 */
	void leave() throws Exception;

	/**
	 * Runs a unit of leader-only work through the contender's gate: only while this
	 * participant leads, interrupted if leadership is revoked meanwhile.
	 * @param work the work
	 * @return whether it ran
	 */
	boolean runAsLeader(Runnable work);

	/**
	 * When the last grant event was handed to Spring, for the Spring contenders.
	 * @return epoch microseconds, 0 if unknown
	 */
	default long grantPublishedMicros() {
		return 0;
	}

	/**
	 * When the last revoked event was handed to Spring, for this starter.
	 * @return epoch microseconds, 0 if unknown
	 */
	default long revokePublishedMicros() {
		return 0;
	}

	/**
	 * When the application context last published its closed event, the first step of its
	 * shutdown, for the Spring contenders.
	 * @return epoch microseconds, 0 if unknown
	 */
	default long contextClosedMicros() {
		return 0;
	}

	/**
	 * When this starter last called its logger to report a grant.
	 * @return epoch microseconds, 0 if unknown
	 */
	default long grantLoggedMicros() {
		return 0;
	}

	/**
	 * When this starter last called its logger to report a revocation.
	 * @return epoch microseconds, 0 if unknown
	 */
	default long revokeLoggedMicros() {
		return 0;
	}

}
