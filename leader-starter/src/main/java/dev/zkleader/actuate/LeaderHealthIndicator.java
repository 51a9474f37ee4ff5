package dev.zkleader.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.election.ElectionSnapshot;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * UP while connected to ZooKeeper, whether this instance leads or follows (a follower is
 * healthy); UNKNOWN while the connection is suspended and may yet return; DOWN when the
 * session is lost or no connection was ever made. Reads local state only, so frequent
 * probes never reach ZooKeeper.
 */
public class LeaderHealthIndicator extends AbstractHealthIndicator {

	private final CuratorFramework client;

	private final ElectionRegistry elections;

	public LeaderHealthIndicator(CuratorFramework client, ElectionRegistry elections) {
		super("Leader election health check failed");
		this.client = client;
		this.elections = elections;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, ElectionSnapshot> snapshots = this.elections.snapshots();
		String connection = this.client.getZookeeperClient().isConnected() ? "CONNECTED"
				: snapshots.values().stream().map(ElectionSnapshot::connection).findFirst().orElse("NOT_CONNECTED");
		switch (connection) {
			case "CONNECTED" -> builder.up();
			case "SUSPENDED" -> builder.status(Status.UNKNOWN);
			default -> builder.down();
		}
		builder.withDetail("connection", connection);
		Map<String, Object> details = new TreeMap<>();
		snapshots.forEach((name, snapshot) -> details.put(name, details(snapshot)));
		builder.withDetail("elections", details);
	}

	private static Map<String, Object> details(ElectionSnapshot snapshot) {
		Map<String, Object> details = new TreeMap<>();
		details.put("path", snapshot.path());
		details.put("role", snapshot.leader() ? "leader" : "follower");
		Duration lease = snapshot.leaseRemaining();
		if (lease != null) {
			details.put("leaseRemaining", lease.toString());
		}
		return details;
	}

}
