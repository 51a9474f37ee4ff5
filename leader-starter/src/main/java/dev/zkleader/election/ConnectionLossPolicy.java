package dev.zkleader.election;

/**
 * When a drop of the ZooKeeper connection ends this instance's leadership.
 */
public enum ConnectionLossPolicy {

	/**
	 * Leadership lasts as long as its lease: up to half the negotiated session timeout
	 * after ZooKeeper last confirmed it. A disconnection that ends with the same session
	 * within the lease (a server restart, a move to another ensemble member, a short
	 * network blip) goes unnoticed; a longer one ends leadership when the lease runs out,
	 * before the session can expire and another instance can take over.
	 */
	LEASE,

	/**
	 * Leadership ends as soon as the connection is suspended, and returns when the same
	 * session reconnects with its node still first. For users who want leader-only work
	 * to stop at the first sign of trouble, at the price of interruptions on routine
	 * ZooKeeper maintenance.
	 */
	SUSPENDED

}
