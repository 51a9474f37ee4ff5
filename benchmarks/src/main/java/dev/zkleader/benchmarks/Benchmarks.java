package dev.zkleader.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.zkleader.benchmarks.failover.CrashFailoverBenchmark;
import dev.zkleader.benchmarks.failover.HandoverBenchmark;
import dev.zkleader.benchmarks.failover.MaintenanceBenchmark;
import dev.zkleader.benchmarks.failover.MaintenanceResult;
import dev.zkleader.benchmarks.footprint.FootprintBenchmark;
import dev.zkleader.benchmarks.gating.GatingRun;
import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.scale.ScaleBenchmark;
import dev.zkleader.benchmarks.support.BenchmarkZooKeeper;
import dev.zkleader.benchmarks.support.Environment;
import dev.zkleader.benchmarks.support.Logging;
import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the benchmarks and prints their tables, in Markdown, to the console and to
 * {@code results.md} in the output directory. See {@code docs/BENCHMARKS.md} for the
 * method and a full run's results.
 */
public final class Benchmarks {

	private final BenchmarkOptions options;

	private final PrintStream console;

	private final StringBuilder markdown = new StringBuilder();

	private Benchmarks(BenchmarkOptions options, PrintStream console) {
		this.options = options;
		this.console = console;
	}

	public static void main(String[] args) throws Exception {
		Logging.quietDriver();
		BenchmarkOptions options = CommandLine.optionsOrExit(args, BenchmarkOptions.USAGE, BenchmarkOptions::parse);
		new Benchmarks(options, System.out).run();
		System.exit(0);
	}

	private void run() throws Exception {
		long started = System.nanoTime();
		Path output = Files.createDirectories(this.options.output());
		Path results = output.resolve("results.md");
		header();
		Path logs = output.resolve("logs");
		try (ChildProcesses children = new ChildProcesses(logs.resolve("children.pids"))) {
			ZooKeeperServer server = null;
			if (runs("handover") || runs("crash") || runs("footprint")) {
				server = BenchmarkZooKeeper.start(children, output.resolve("zookeeper"));
				progress("ZooKeeper server (process %d) serving on %s, tickTime %d ms", server.pid(),
						server.connectString(), BenchmarkZooKeeper.TICK_MILLIS);
			}
			if (runs("handover")) {
				progress("1. Graceful handover");
				handover(
						HandoverBenchmark.run(children, logs, required(server), this.options.handover(), this.console));
			}
			if (runs("crash")) {
				progress("2. Crash failover");
				crash(CrashFailoverBenchmark.run(children, logs, required(server), this.options.crash(), this.console));
			}
			if (runs("gating")) {
				progress("3. Gating cost");
				gating(GatingRun.run(this.options.gating(), output.resolve("jmh.log"), this.console));
			}
			if (runs("scale")) {
				progress("4. Scale");
				scale(ScaleBenchmark.run(children, output, this.options.scale(), this.console));
			}
			if (runs("footprint")) {
				Path jar = this.options.sampleJar();
				if (jar == null) {
					throw new IllegalArgumentException("The footprint benchmark needs --sample-jar=...");
				}
				progress("5. Footprint");
				footprint(FootprintBenchmark.run(children, logs, required(server), jar, output,
						this.options.footprint(), this.console));
			}
			if (runs("maintenance")) {
				progress("6. ZooKeeper maintenance");
				maintenance(MaintenanceBenchmark.run(children, logs, output.resolve("ensemble"),
						this.options.maintenance(), this.console));
			}
		}
		emit("Load average (1/5/15 min) at the end: " + Environment.loadAverage() + ". Whole run: "
				+ minutes(Duration.ofNanos(System.nanoTime() - started)) + ".\n");
		Files.writeString(results, this.markdown, StandardCharsets.UTF_8);
		this.console.println("Results written to " + results);
	}

	private boolean runs(String benchmark) {
		return this.options.only().contains(benchmark);
	}

	private void header() {
		emit("# Benchmark results\n");
		emit("Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " with `" + this.options.command() + "`"
				+ (this.options.quick() ? " (quick mode: fewer samples, for a try-out, not for publishing)" : "")
				+ "; seed " + this.options.seed() + ".\n");
		emit(bullets(Environment.machine()));
		emit(bullets(Environment.versions()));
	}

	private void handover(HandoverBenchmark.Result result) {
		HandoverBenchmark.Settings settings = result.settings();
		emit("## 1. Graceful handover\n");
		emit(String.format(Locale.ROOT,
				"%d participant JVMs per contender (%d in all) against one ZooKeeper server; session timeout %d ms "
						+ "(negotiated: %s); %d rounds counted after %d warm-up rounds, contenders in random order "
						+ "within each round, each stop after a random pause of %d–%d ms; %s.%n",
				settings.participants(), settings.participants() * settings.contenders().size(),
				settings.sessionTimeout().toMillis(),
				result.negotiatedSessionMillis()
					.entrySet()
					.stream()
					.map((entry) -> entry.getKey().shortName() + " " + entry.getValue() + " ms")
					.collect(Collectors.joining(", ")),
				settings.rounds(), settings.warmupRounds(), settings.minimumPause().toMillis(),
				settings.minimumPause().plus(settings.pauseSpread()).toMillis(), minutes(result.elapsed())));
		if (!settings.starterArguments().isEmpty()) {
			emit("The starter's participants ran with " + settings.starterArguments() + ".\n");
		}
		emit(result.latencyTable());
		emit(result.ratioTable());
		emit("Where the time goes: medians in ms, each over the handovers that had both its stamps (n), stamped in "
				+ "the participants: Spring events handed to the multicaster, the starter's log calls, and the Curator "
				+ "client sending the delete and receiving the children list.\n");
		emit(result.leaderPhaseTable());
		emit(result.nextPhaseTable());
		if (settings.contenders().containsAll(Contender.COMPARED)) {
			double pairMedian = result.pairedMedianRatio(Contender.STARTER, Contender.RAW);
			double p99 = result.p99Ratio(Contender.STARTER, Contender.RAW);
			double siPairMedian = result.pairedMedianRatio(Contender.SPRING_INTEGRATION, Contender.RAW);
			emit(String.format(Locale.ROOT,
					"Goals: ours/raw per-pair median %.2f (goal ≤ 1.05: %s); ours/raw p99 %.2f (goal ≤ 1.5: %s); "
							+ "ours/raw below SI/raw (%.2f): %s.%n",
					pairMedian, verdict(pairMedian <= 1.05), p99, verdict(p99 <= 1.5), siPairMedian,
					verdict(pairMedian < siPairMedian)));
		}
		emit("Extra grants (two participants granted for one handover): " + result.extraGrants() + ".\n");
	}

	private void crash(CrashFailoverBenchmark.Result result) {
		emit("## 2. Crash failover (this starter)\n");
		emit(String.format(Locale.ROOT,
				"3 participant JVMs per session timeout; the leader's JVM killed with SIGKILL %d times per session "
						+ "timeout, each after a random pause of up to one ping interval; server tickTime %d ms; "
						+ "%s. Ratios are to the negotiated session timeout.%n",
				result.settings().repetitions(), BenchmarkZooKeeper.TICK_MILLIS, minutes(result.elapsed())));
		emit(result.table());
	}

	private void gating(GatingRun.Result result) {
		GatingRun.Settings settings = result.settings();
		GatingRun.OperationCount count = result.count();
		emit("## 3. Gating cost\n");
		emit(String.format(Locale.ROOT,
				"JMH, average time per call, 1 fork, %d warm-up and %d measured iterations of %d ms, per "
						+ "benchmark; two application contexts with the starter (one leads) on Curator's in-JVM "
						+ "TestingServer; %s.%n",
				settings.warmupIterations(), settings.measurementIterations(), settings.iterationTime().toMillis(),
				minutes(result.elapsed())));
		emit(result.timeTable());
		emit(result.operationTable());
		emit(String.format(Locale.ROOT,
				"The %d + %d calls took %.1f ms; meanwhile the server received %d packets from all clients "
						+ "(requests and pings). The leader's client operations by kind since the counter was "
						+ "attached: %s.%n",
				count.calls(), count.calls(), count.window().toNanos() / 1e6, count.serverPackets(),
				count.leaderOperationsSinceAttach().isEmpty() ? "none" : count.leaderOperationsSinceAttach()));
	}

	private void scale(ScaleBenchmark.Result result) {
		ScaleBenchmark.Settings settings = result.settings();
		emit("## 4. Scale\n");
		emit(String.format(Locale.ROOT,
				"Each participant is its own Curator client (own session and connection) with a LeaderLatch, "
						+ "all as threads in the driver JVM; a fresh ZooKeeper server process per size (JVM options "
						+ "%s); session timeout %d ms; %d leader changes per size; idle CPU over %d s; %s.%n",
				String.join(" ", BenchmarkZooKeeper.JVM_OPTIONS), settings.sessionTimeout().toMillis(),
				settings.changes(), settings.idleWindow().toSeconds(), minutes(result.elapsed())));
		emit(result.latencyTable());
		emit(result.serverTable());
		result.sizes()
			.stream()
			.reduce((first, last) -> last)
			.ifPresent((largest) -> emit("With " + largest.participants() + " participants, the operations of the "
					+ "woken participants over all " + largest.latencyMillis().size() + " changes, by kind: "
					+ largest.wokenOperations() + ". Watches outside the election: " + largest.watches().otherPaths()
					+ " sessions (Curator's EnsembleTracker in every client watches the ensemble configuration, "
					+ "which changes only on a reconfiguration).\n"));
	}

	private void footprint(FootprintBenchmark.Result result) {
		emit("## 5. Footprint\n");
		emit(String.format(Locale.ROOT,
				"%d launches per variant in random order, JVM default options (as the sample's Docker image), the "
						+ "sample's own class path; memory read 3 s after the \"Started\" line, after a full GC "
						+ "(jcmd GC.run); %s.%n",
				result.settings().repetitions(), minutes(result.elapsed())));
		emit(result.table());
	}

	private void maintenance(MaintenanceResult result) {
		MaintenanceBenchmark.Settings settings = result.settings();
		emit("## 6. ZooKeeper maintenance\n");
		emit(String.format(Locale.ROOT,
				"One ensemble of 3 ZooKeeper server processes (tickTime %d ms); %d participant JVMs per contender "
						+ "(%d in all), each contender in its own election, each participant reaching each member "
						+ "through a proxy of its own; session timeout %d ms (negotiated: %s); every participant "
						+ "runs the same job: every %d ms, %d ms of leader-only work through its contender's gate "
						+ "(interrupted on revocation). %d rolling restarts (followers first, the ensemble's "
						+ "leader last), then %d single restarts (a follower and the ensemble's leader in turn), "
						+ "each window ending %d s after all elections settled; then every leader cut off from "
						+ "every member for %d s; %s.%n",
				BenchmarkZooKeeper.TICK_MILLIS, settings.participants(),
				settings.participants() * settings.contenders().size(), settings.sessionTimeout().toMillis(),
				result.negotiatedSessionMillis()
					.entrySet()
					.stream()
					.map((entry) -> entry.getKey().shortName() + " " + entry.getValue() + " ms")
					.collect(Collectors.joining(", ")),
				settings.jobPeriod().toMillis(), settings.jobWork().toMillis(), settings.rollingRestarts(),
				settings.singleRestarts(), settings.quiet().toSeconds(), settings.cut().toSeconds(),
				minutes(result.elapsed())));
		emit("Member restarts (the sessions survive them):\n");
		emit(result.restartTable());
		emit(result.restartsByKindTable());
		emit("The leader of every election cut off from every member for " + settings.cut().toSeconds()
				+ " s (its session expires); times from the start of the cut:\n");
		emit(result.cutTable());
	}

	private void progress(String format, Object... args) {
		this.console.println(String.format(Locale.ROOT, format, args));
	}

	private void emit(String text) {
		this.console.println(text);
		this.markdown.append(text).append('\n');
	}

	private static ZooKeeperServer required(@Nullable ZooKeeperServer server) {
		if (server == null) {
			throw new IllegalStateException("No ZooKeeper server");
		}
		return server;
	}

	private static String bullets(Map<String, String> values) {
		StringBuilder out = new StringBuilder();
		values.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
		return out.toString();
	}

	private static String verdict(boolean met) {
		return met ? "met" : "NOT met";
	}

	private static String minutes(Duration duration) {
		return String.format(Locale.ROOT, "took %d min %02d s", duration.toMinutes(), duration.toSecondsPart());
	}

}
