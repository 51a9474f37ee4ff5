package dev.zkleader.fault;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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

	static final String USAGE = """
			Usage: ./fault-suite.sh [--faults N] [--instances N] [--session-timeout 2s] [--seed N] [--output DIR]
			  --faults N             faults to inject (default 200)
			  --instances N          application instances, separate JVMs (at least 5, default 5)
			  --session-timeout D    ZooKeeper session timeout of the instances, 1s to 4s (default 2s)
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
		if (sessionTimeout.toMillis() < 1000 || sessionTimeout.toMillis() > 20L * ZooKeeperProcess.TICK_MILLIS) {
			throw new IllegalArgumentException("--session-timeout must be from 1s to "
					+ (20 * ZooKeeperProcess.TICK_MILLIS) + "ms, not " + sessionTimeout.toMillis() + "ms");
		}
	}

	/**
	 * The longest leaderless gap allowed.
	 * @return the session timeout plus two seconds
	 */
	Duration gapBound() {
		return this.sessionTimeout.plusSeconds(2);
	}

	static FaultOptions parse(String... args) throws IOException {
		int faults = 200;
		int instances = 5;
		Duration sessionTimeout = Duration.ofSeconds(2);
		long seed = System.nanoTime();
		Path output = Path.of("target", "fault-suite");
		Path classpathFile = null;
		Path classes = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--faults" -> faults = Integer.parseInt(value(args, ++i));
				case "--instances" -> instances = Integer.parseInt(value(args, ++i));
				case "--session-timeout" -> sessionTimeout = duration(value(args, ++i));
				case "--seed" -> seed = Long.parseLong(value(args, ++i));
				case "--output" -> output = Path.of(value(args, ++i));
				case "--classpath-file" -> classpathFile = Path.of(value(args, ++i));
				case "--classes" -> classes = Path.of(value(args, ++i));
				default -> throw new IllegalArgumentException("Unknown option " + args[i]);
			}
		}
		if (classpathFile == null || classes == null) {
			throw new IllegalArgumentException(
					"--classpath-file and --classes are required (fault-suite.sh passes them)");
		}
		return new FaultOptions(faults, instances, sessionTimeout, seed, output, classpath(classes, classpathFile));
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

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	static Duration duration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
		}
		throw new IllegalArgumentException("Not a duration (use 2s or 2000ms): " + text);
	}

}
