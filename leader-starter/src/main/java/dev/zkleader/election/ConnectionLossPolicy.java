package dev.zkleader.election;

/**
 * When a drop of the ZooKeeper connection ends this instance's leadership.
 */
public enum ConnectionLossPolicy {

	/**
	 * Leadership ends as soon as the connection is suspended. Safe: another instance can
	 * only take over after this session expires, and by then this instance has long
	 * stopped.
	 */
	SUSPENDED,

	/**
	 * Leadership survives a suspended connection and ends only when the session is lost.
	 * Rides out short network blips, at the price of a window in which this instance acts
	 * without knowing whether it still leads.
	 */
	LOST

}
