package dev.zkleader.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.zkleader.harness.cli.CommandLine;

/**
 * What the balance demo runs.
 *
 * @param instances how many sample instances start together (one more joins later, and
 * the first one leaves)
 * @param settleDelay {@code leader.balance.settle-delay} of the instances
 * @param minTenure {@code leader.balance.min-tenure} of the instances
 * @param keepLogs whether to keep the processes' logs after a successful run
 * @param outputDir where the timeline picture and the logs go
 * @param classpath the class path of the ZooKeeper server and the sample instances
 */
record BalanceOptions(int instances, Duration settleDelay, Duration minTenure, boolean keepLogs, Path outputDir,
		String classpath) {

	static final String USAGE = """
			Usage: ./demo.sh --balance [--instances N] [--settle-delay 1s] [--min-tenure 2s] [--keep]
			  --instances N          sample instances that start together, 2 to 5 (default 3); one more joins
			                         once their leaderships have spread, then the first one leaves
			  --settle-delay D       leader.balance.settle-delay of the instances (default 1s)
			  --min-tenure D         leader.balance.min-tenure of the instances (default 2s)
			  --keep                 keep the processes' logs (always kept when the run fails)
			  --output DIR           where the timeline picture and logs go (default target/balance-demo)
			""";

	BalanceOptions {
		if (instances < 2 || instances > 5) {
			throw new IllegalArgumentException("--instances must be from 2 to 5, not " + instances);
		}
		if (settleDelay.isNegative() || minTenure.isNegative()) {
			throw new IllegalArgumentException("--settle-delay and --min-tenure must not be negative");
		}
	}

	static BalanceOptions parse(String... args) throws IOException {
		CommandLine line = CommandLine.parse(args, Set.of("--keep"),
				Set.of("--instances", "--settle-delay", "--min-tenure", "--output", "--classpath-file"));
		Path classpathFile = line.requiredPath("--classpath-file", "demo.sh passes it");
		return new BalanceOptions(line.integer("--instances", 3),
				line.duration("--settle-delay", Duration.ofSeconds(1)),
				line.duration("--min-tenure", Duration.ofSeconds(2)), line.has("--keep"),
				line.path("--output", Path.of("target", "balance-demo")), Files.readString(classpathFile).strip());
	}

}
