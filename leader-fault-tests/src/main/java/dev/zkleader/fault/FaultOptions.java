package dev.zkleader.fault;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.zookeeper.ServerOptions;

/**
 * What the fault suite runs.
 *
 * @param faults how many faults the nemesis injects
 * @param instances how many instances run (at least 5; a killed one is replaced)
 * @param sessionTimeout the instances' ZooKeeper session timeout
 * @param seed the seed of the nemesis's choices
 * @param outputDir where the history, the fault list and the logs go
 * @param classpath the class path of the ZooKeeper server and the instances
 */
record FaultOptions(int faults, int instances, Duration sessionTimeout, long seed, Path outputDir, String classpath) {

	/**
	 * The server's tick is 200 ms: sessions are clamped to 2 to 20 ticks (400 ms to 4 s),
	 * and expiry is checked every tick. No fsync: a killed process loses nothing the
	 * kernel already has, and fsync stalls on a busy disk would distort the timings. No
	 * connection limit: all proxies connect from 127.0.0.1.
	 */
	private static final ServerOptions ZOOKEEPER = ServerOptions.defaults()
		.tickTime(200)
		.fsync(false)
		.maxClientConnections(0);

	static final String USAGE = """
			Usage: ./fault-suite.sh [--faults N] [--instances N] [--session-timeout 4s] [--seed N] [--output DIR]
			  --faults N             faults to inject (default 200)
			  --instances N          application instances, separate JVMs (at least 5, default 5)
			  --session-timeout D    ZooKeeper session timeout of the instances, 1s to 4s (default 4s)
			  --seed N               seed of the nemesis's choices (default: random, printed)
			  --output DIR           where the history, faults and logs go (default target/fault-suite)
			""";

	FaultOptions {
		if (faults < 0) {
			throw new IllegalArgumentException("--faults must not be negative");
		}
		if (instances < 5 || instances > 12) {
			throw new IllegalArgumentException("--instances must be from 5 to 12, not " + instances);
		}
		// The pause detector needs a third of the session to be well above the scheduling
		// noise of a busy machine; ZooKeeper allows at most 20 ticks.
		if (sessionTimeout.toMillis() < 1000 || sessionTimeout.compareTo(ZOOKEEPER.maxSessionTimeout()) > 0) {
			throw new IllegalArgumentException("--session-timeout must be from 1s to "
					+ ZOOKEEPER.maxSessionTimeout().toMillis() + "ms, not " + sessionTimeout.toMillis() + "ms");
		}
	}

	/**
	 * The longest leaderless gap allowed.
	 * @return the session timeout plus two seconds
	 */
	Duration gapBound() {
		return this.sessionTimeout.plusSeconds(2);
	}

	/**
	 * How long the leader's connection may be down in a fault the lease must ride out.
	 * The lease left at a disconnection is at least a third of the session timeout
	 * (renewals every sixth, a lease of half the session after each); a twelfth of it is
	 * left for renewals that run late on a busy machine and for the round trip that
	 * confirms the lease after the reconnection.
	 * @return a quarter of the session timeout
	 */
	Duration rideOutBound() {
		return this.sessionTimeout.dividedBy(4);
	}

	/**
	 * How the suite's ZooKeeper servers run.
	 * @return the server's options
	 */
	ServerOptions zookeeper() {
		return ZOOKEEPER.classpath(this.classpath);
	}

	static FaultOptions parse(String... args) throws IOException {
		CommandLine line = CommandLine.parse(args, Set.of(), Set.of("--faults", "--instances", "--session-timeout",
				"--seed", "--output", "--classpath-file", "--classes"));
		String why = "fault-suite.sh passes it";
		return new FaultOptions(line.integer("--faults", 200), line.integer("--instances", 5),
				line.duration("--session-timeout", Duration.ofSeconds(4)), line.number("--seed", System.nanoTime()),
				line.path("--output", Path.of("target", "fault-suite")),
				classpath(line.requiredPath("--classes", why), line.requiredPath("--classpath-file", why)));
	}

	/**
	 * The class path of the child processes: the module's classes and its run-time
	 * dependencies as {@code maven-dependency-plugin:build-classpath} listed them.
	 * @param classes the module's compiled classes
	 * @param classpathFile the dependency list
	 * @return the class path
	 * @throws IOException if the file cannot be read
	 */
	static String classpath(Path classes, Path classpathFile) throws IOException {
		return classes.toAbsolutePath() + File.pathSeparator + Files.readString(classpathFile).strip();
	}

}
