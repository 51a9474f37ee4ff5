package dev.zkleader.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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

	static final String USAGE = """
			Usage: ./demo.sh [--instances N] [--graceful] [--keep] [--lead-for 3s] [--session-timeout 2s]
			  --instances N          sample instances to start (1 to 12, default 6)
			  --graceful             leaders shut down normally instead of crashing: near-instant handover
			  --keep                 keep the processes' logs (always kept when the run fails)
			  --lead-for D           how long each instance leads before it crashes or exits (default 3s)
			  --session-timeout D    ZooKeeper session timeout of the instances, 400ms to 4s (default 2s)
			  --output DIR           where the timeline picture and logs go (default target/failover-demo)
			""";

	DemoOptions {
		if (instances < 1 || instances > 12) {
			throw new IllegalArgumentException("--instances must be from 1 to 12, not " + instances);
		}
		if (sessionTimeout.compareTo(ZooKeeperServer.MIN_SESSION) < 0
				|| sessionTimeout.compareTo(ZooKeeperServer.MAX_SESSION) > 0) {
			throw new IllegalArgumentException(
					"--session-timeout must be from " + ZooKeeperServer.MIN_SESSION.toMillis() + "ms to "
							+ ZooKeeperServer.MAX_SESSION.toMillis() + "ms (the demo server's tickTime is "
							+ ZooKeeperServer.TICK_MILLIS + " ms), not " + sessionTimeout.toMillis() + "ms");
		}
		if (leadFor.isNegative() || leadFor.isZero()) {
			throw new IllegalArgumentException("--lead-for must be positive");
		}
	}

	static DemoOptions parse(String... args) throws IOException {
		int instances = 6;
		boolean graceful = false;
		boolean keep = false;
		Duration leadFor = Duration.ofSeconds(3);
		Duration sessionTimeout = Duration.ofSeconds(2);
		Path output = Path.of("target", "failover-demo");
		Path classpathFile = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--instances" -> instances = Integer.parseInt(value(args, ++i));
				case "--graceful" -> graceful = true;
				case "--keep" -> keep = true;
				case "--lead-for" -> leadFor = duration(value(args, ++i));
				case "--session-timeout" -> sessionTimeout = duration(value(args, ++i));
				case "--output" -> output = Path.of(value(args, ++i));
				case "--classpath-file" -> classpathFile = Path.of(value(args, ++i));
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		if (classpathFile == null) {
			throw new IllegalArgumentException("--classpath-file is required (demo.sh passes it)");
		}
		String classpath = Files.readString(classpathFile).strip();
		return new DemoOptions(instances, graceful, keep, leadFor, sessionTimeout, output, classpath);
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
		}
		throw new IllegalArgumentException("Durations look like 3s or 500ms, not " + text);
	}

	String mode() {
		return this.graceful ? "graceful shutdown" : "crash";
	}

}
