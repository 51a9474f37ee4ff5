package dev.zkleader.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.zookeeper.ServerOptions;

/**
 * What the demo runs.
 *
 * @param instances how many sample instances to start
 * @param graceful whether a leader shuts down normally instead of crashing
 * @param keepLogs whether to keep the processes' logs after a successful run
 * @param leadFor how long each instance leads before it crashes or exits
 * @param sessionTimeout the instances' ZooKeeper session timeout
 * @param outputDir where the timeline picture and the logs go
 * @param classpath the class path of the ZooKeeper server and the sample instances
 */
record DemoOptions(int instances, boolean graceful, boolean keepLogs, Duration leadFor, Duration sessionTimeout,
		Path outputDir, String classpath) {

	// Sessions may range from 2 to 20 ticks: 400 ms to 4 s.
	private static final ServerOptions ZOOKEEPER = ServerOptions.defaults().tickTime(200);

	static final String USAGE = """
			Usage: ./demo.sh [--instances N] [--graceful] [--keep] [--lead-for 3s] [--session-timeout 2s]
			  --instances N          sample instances to start (1 to 12, default 6)
			  --graceful             leaders shut down normally instead of crashing: near-instant handover
			  --keep                 keep the processes' logs (always kept when the run fails)
			  --lead-for D           how long each instance leads before it crashes or exits (default 3s)
			  --session-timeout D    ZooKeeper session timeout of the instances, 400ms to 4s (default 2s)
			  --output DIR           where the timeline picture and logs go (default target/failover-demo)
			./demo.sh --maintenance restarts a 3-server ZooKeeper ensemble under the leader instead
			(./demo.sh --maintenance --help lists its options).
			""";

	DemoOptions {
		requireInstances(instances);
		requireSessionTimeout(sessionTimeout, ZOOKEEPER);
		if (leadFor.isNegative() || leadFor.isZero()) {
			throw new IllegalArgumentException("--lead-for must be positive");
		}
	}

	static void requireInstances(int instances) {
		if (instances < 1 || instances > 12) {
			throw new IllegalArgumentException("--instances must be from 1 to 12, not " + instances);
		}
	}

	// The server clamps a session timeout outside 2 to 20 ticks, so the demo would not
	// run what was asked.
	static void requireSessionTimeout(Duration sessionTimeout, ServerOptions zookeeper) {
		if (sessionTimeout.compareTo(zookeeper.minSessionTimeout()) < 0
				|| sessionTimeout.compareTo(zookeeper.maxSessionTimeout()) > 0) {
			throw new IllegalArgumentException(
					"--session-timeout must be from " + zookeeper.minSessionTimeout().toMillis() + "ms to "
							+ zookeeper.maxSessionTimeout().toMillis() + "ms (the demo's tickTime is "
							+ zookeeper.tickMillis() + " ms), not " + sessionTimeout.toMillis() + "ms");
		}
	}

	static DemoOptions parse(String... args) throws IOException {
		CommandLine line = CommandLine.parse(args, Set.of("--graceful", "--keep"),
				Set.of("--instances", "--lead-for", "--session-timeout", "--output", "--classpath-file"));
		Path classpathFile = line.requiredPath("--classpath-file", "demo.sh passes it");
		return new DemoOptions(line.integer("--instances", 6), line.has("--graceful"), line.has("--keep"),
				line.duration("--lead-for", Duration.ofSeconds(3)),
				line.duration("--session-timeout", Duration.ofSeconds(2)),
				line.path("--output", Path.of("target", "failover-demo")), Files.readString(classpathFile).strip());
	}

	/**
	 * How the demo's ZooKeeper server runs, but for the class path.
	 * @return the server's options
	 */
	ServerOptions zookeeper() {
		return ZOOKEEPER.classpath(this.classpath);
	}

	String mode() {
		return this.graceful ? "graceful shutdown" : "crash";
	}

}
