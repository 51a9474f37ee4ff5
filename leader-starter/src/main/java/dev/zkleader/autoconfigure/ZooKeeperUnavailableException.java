package dev.zkleader.autoconfigure;

import java.time.Duration;

/**
 * ZooKeeper could not be reached at start-up while {@code leader.zookeeper.fail-fast} is
 * set.
 */
class ZooKeeperUnavailableException extends RuntimeException {

	private final String connectString;

	private final Duration waited;

	ZooKeeperUnavailableException(String connectString, Duration waited) {
		super("Could not connect to ZooKeeper at '" + connectString + "' within " + waited);
		this.connectString = connectString;
		this.waited = waited;
	}

	String getConnectString() {
		return this.connectString;
	}

	Duration getWaited() {
		return this.waited;
	}

}
