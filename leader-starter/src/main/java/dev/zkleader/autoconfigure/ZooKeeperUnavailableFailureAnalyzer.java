package dev.zkleader.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ZooKeeperUnavailableException}.
 */
class ZooKeeperUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<ZooKeeperUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ZooKeeperUnavailableException cause) {
		return new FailureAnalysis(
				"Could not connect to ZooKeeper at '" + cause.getConnectString()
						+ "' (leader.zookeeper.connect-string) " + "within " + cause.getWaited().toMillis()
						+ " ms (leader.zookeeper.startup-wait), and " + "leader.zookeeper.fail-fast is true.",
				"Check that ZooKeeper is running and reachable at leader.zookeeper.connect-string, or raise "
						+ "leader.zookeeper.startup-wait, or set leader.zookeeper.fail-fast=false to start as a "
						+ "non-leader and join the election once ZooKeeper answers.",
				cause);
	}

}
