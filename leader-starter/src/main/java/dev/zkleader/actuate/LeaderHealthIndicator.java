package dev.zkleader.actuate;

import java.util.Map;
import java.util.TreeMap;

import dev.zkleader.election.Election;
import dev.zkleader.election.ElectionRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * UP while connected to ZooKeeper, whether this instance leads or follows (a follower is
 * healthy); DOWN when the session is lost or no connection was ever made; UNKNOWN while
 * the connection is suspended and may yet return.
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
		ConnectionState connection = lastConnectionState();
		boolean connected = this.client.getZookeeperClient().isConnected();
		if (connected) {
			builder.up();
		}
		else if (connection == ConnectionState.SUSPENDED) {
			builder.status(Status.UNKNOWN);
		}
		else {
			builder.down();
		}
		builder.withDetail("connection",
				connected ? "CONNECTED" : (connection != null) ? connection.name() : "NOT_CONNECTED");
		Map<String, Object> details = new TreeMap<>();
		this.elections.elections().forEach((name, election) -> details.put(name, details(election, connected)));
		builder.withDetail("elections", details);
	}

	private @Nullable ConnectionState lastConnectionState() {
		return this.elections.elections()
			.values()
			.stream()
			.map(Election::connectionState)
			.filter((state) -> state != null)
			.findFirst()
			.orElse(null);
	}

	// Only a connected follower asks ZooKeeper who leads, so a health check never waits
	// on a dead server.
	private static Map<String, Object> details(Election election, boolean connected) {
		Map<String, Object> details = new TreeMap<>();
		details.put("path", election.path());
		details.put("role", election.isLeader() ? "leader" : "follower");
		if (connected || election.isLeader()) {
			election.leaderId().ifPresent((id) -> details.put("leader", id));
		}
		return details;
	}

}
