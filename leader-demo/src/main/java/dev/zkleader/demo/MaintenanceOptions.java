package dev.zkleader.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.zookeeper.ServerOptions;

/**
 * What the maintenance demo runs.
 *
 * @param instances how many sample instances to start
 * @param connectionLoss the instances' {@code leader.connection-loss}: {@code lease} or
 * {@code suspended}
 * @param keepLogs whether to keep the processes' logs after a successful run
 * @param sessionTimeout the instances' ZooKeeper session timeout
 * @param outputDir where the timeline picture and the logs go
 * @param classpath the class path of the ZooKeeper servers and the sample instances
 */
record MaintenanceOptions(int instances, String connectionLoss, boolean keepLogs, Duration sessionTimeout,
		Path outputDir, String classpath) {

	// Sessions may range from 2 to 20 ticks: 1 s to 10 s. No fsync: the demo's data is
	// thrown away, and a restarted server is back sooner.
	private static final ServerOptions ZOOKEEPER = ServerOptions.defaults().tickTime(500).fsync(false);

	private static final List<String> CONNECTION_LOSS = List.of("lease", "suspended");

	static final String USAGE = """
			Usage: ./demo.sh --maintenance [--connection-loss lease|suspended] [--instances N] [--keep]
			  A 3-server ZooKeeper ensemble is restarted one server at a time while the leader works.
			  --connection-loss P    the instances' leader.connection-loss: lease (default; the leader
			                         rides out every restart) or suspended (revoked whenever its
			                         connection drops, as with Curator's LeaderLatch alone)
			  --instances N          sample instances to start (1 to 12, default 3)
			  --keep                 keep the processes' logs (always kept when the run fails)
			  --session-timeout D    ZooKeeper session timeout of the instances, 1s to 10s (default 10s)
			  --output DIR           where the timeline picture and logs go (default target/maintenance-demo)
			""";

	MaintenanceOptions {
		DemoOptions.requireInstances(instances);
		if (!CONNECTION_LOSS.contains(connectionLoss)) {
			throw new IllegalArgumentException("--connection-loss must be lease or suspended, not " + connectionLoss);
		}
		DemoOptions.requireSessionTimeout(sessionTimeout, ZOOKEEPER);
	}

	static MaintenanceOptions parse(String... args) throws IOException {
		CommandLine line = CommandLine.parse(args, Set.of("--maintenance", "--keep"),
				Set.of("--connection-loss", "--instances", "--session-timeout", "--output", "--classpath-file"));
		Path classpathFile = line.requiredPath("--classpath-file", "demo.sh passes it");
		return new MaintenanceOptions(line.integer("--instances", 3), line.text("--connection-loss", "lease"),
				line.has("--keep"), line.duration("--session-timeout", Duration.ofSeconds(10)),
				line.path("--output", Path.of("target", "maintenance-demo")), Files.readString(classpathFile).strip());
	}

	/**
	 * How the ensemble's servers run, but for the class path.
	 * @return the servers' options
	 */
	ServerOptions zookeeper() {
		return ZOOKEEPER.classpath(this.classpath);
	}

	boolean lease() {
		return "lease".equals(this.connectionLoss);
	}

}
