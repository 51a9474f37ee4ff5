package dev.zkleader.benchmarks.gating;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.OperationCounter;
import dev.zkleader.harness.time.Pause;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import org.springframework.aop.framework.AopProxyUtils;

/**
 * Runs the gating benchmark: JMH for the time per call, then a count of the ZooKeeper
 * operations that many gated calls perform, on the client (Curator's tracer) and on the
 * server (its packet counter).
 */
public final class GatingRun {

	private GatingRun() {
	}

	public static Result run(Settings settings, Path jmhLog, PrintStream progress) throws Exception {
		long started = System.nanoTime();
		progress.println("  counting ZooKeeper operations of " + settings.calls() + " gated calls per instance...");
		OperationCount count = countOperations(settings.calls());
		progress.println("  JMH (log: " + jmhLog + ")...");
		List<Score> scores = jmh(settings, jmhLog);
		return new Result(settings, scores, count, Duration.ofNanos(System.nanoTime() - started));
	}

	private static List<Score> jmh(Settings settings, Path log) throws IOException, RunnerException {
		Options options = new OptionsBuilder().include(GatingBenchmark.class.getName() + "\\.")
			.forks(1)
			.warmupIterations(settings.warmupIterations())
			.warmupTime(TimeValue.milliseconds(settings.iterationTime().toMillis()))
			.measurementIterations(settings.measurementIterations())
			.measurementTime(TimeValue.milliseconds(settings.iterationTime().toMillis()))
			.jvmArgsAppend("-Xmx512m")
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results;
		try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
			results = new Runner(options, OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL)).run();
		}
		List<Score> scores = new ArrayList<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			scores.add(new Score(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore(),
					result.getPrimaryResult().getScoreError()));
		}
		return scores;
	}

	private static OperationCount countOperations(int calls) throws Exception {
		try (GatingFixture fixture = GatingFixture.start()) {
			GatedWork onLeader = fixture.onLeader();
			GatedWork onFollower = fixture.onFollower();
			OperationCounter leaderOperations = fixture.countOperationsOfLeader();
			OperationCounter followerOperations = fixture.countOperationsOfFollower();
			// Let whatever start-up work is still in flight complete before counting.
			Pause.millis(1000);
			long leaderBefore = leaderOperations.total();
			long followerBefore = followerOperations.total();
			long packetsBefore = fixture.serverPacketsReceived();
			long windowStarted = System.nanoTime();
			for (int i = 0; i < calls; i++) {
				onLeader.run();
			}
			for (int i = 0; i < calls; i++) {
				onFollower.run();
			}
			Duration window = Duration.ofNanos(System.nanoTime() - windowStarted);
			long packets = fixture.serverPacketsReceived() - packetsBefore;
			long leaderRuns = target(onLeader).runs();
			long followerRuns = target(onFollower).runs();
			return new OperationCount(calls, leaderRuns, followerRuns, leaderOperations.total() - leaderBefore,
					followerOperations.total() - followerBefore, packets, window, leaderOperations.byName());
		}
	}

	private static GatedWork target(GatedWork proxy) {
		Object target = AopProxyUtils.getSingletonTarget(proxy);
		if (target == null) {
			throw new IllegalStateException("No target behind " + proxy);
		}
		return (GatedWork) target;
	}

	/**
	 * How the benchmark runs.
	 *
	 * @param warmupIterations JMH warm-up iterations
	 * @param measurementIterations JMH measured iterations
	 * @param iterationTime the length of each iteration
	 * @param calls gated calls per instance in the operation count
	 */
	public record Settings(int warmupIterations, int measurementIterations, Duration iterationTime, int calls) {

	}

	/**
	 * One JMH benchmark's score.
	 *
	 * @param benchmark the method
	 * @param nanosPerCall the mean time per call
	 * @param error the 99.9 % confidence half-interval JMH reports
	 */
	public record Score(String benchmark, double nanosPerCall, double error) {

	}

	/**
	 * ZooKeeper operations during a run of gated calls.
	 *
	 * @param calls calls per instance
	 * @param leaderRuns how often the leader's method body ran (must equal calls)
	 * @param followerRuns how often the follower's method body ran (must be 0)
	 * @param leaderOperations ZooKeeper operations the leader's client performed
	 * meanwhile
	 * @param followerOperations ZooKeeper operations the follower's client performed
	 * @param serverPackets packets the server received from anyone meanwhile (pings
	 * included)
	 * @param window how long the calls took
	 * @param leaderOperationsSinceAttach the leader client's operations by kind, from
	 * attaching the counter to the end (for context)
	 */
	public record OperationCount(int calls, long leaderRuns, long followerRuns, long leaderOperations,
			long followerOperations, long serverPackets, Duration window,
			Map<String, Long> leaderOperationsSinceAttach) {

	}

	/**
	 * The outcome.
	 *
	 * @param settings how it ran
	 * @param scores JMH scores
	 * @param count the operation count
	 * @param elapsed how long it took
	 */
	public record Result(Settings settings, List<Score> scores, OperationCount count, Duration elapsed) {

		public String timeTable() {
			MarkdownTable table = new MarkdownTable("Call", ">ns per call", ">± (99.9 %)", ">over unproxied ns");
			double unproxied = this.scores.stream()
				.filter((score) -> score.benchmark().equals("unproxiedCall"))
				.mapToDouble(Score::nanosPerCall)
				.findFirst()
				.orElse(Double.NaN);
			for (String name : List.of("unproxiedCall", "passThroughProxy", "leaderOnlyOnLeader",
					"leaderOnlyOnFollower", "observedOnLeader", "observedOnFollower")) {
				this.scores.stream()
					.filter((score) -> score.benchmark().equals(name))
					.findFirst()
					.ifPresent((score) -> table.row(describe(name), MarkdownTable.fixed(score.nanosPerCall(), 2),
							MarkdownTable.fixed(score.error(), 2),
							MarkdownTable.fixed(score.nanosPerCall() - unproxied, 2)));
			}
			return table.toString();
		}

		public String operationTable() {
			OperationCount count = this.count;
			MarkdownTable table = new MarkdownTable("Instance", ">gated calls", ">method body ran",
					">ZooKeeper operations (client)", ">per call");
			table.row("leader", count.calls(), count.leaderRuns(), count.leaderOperations(),
					MarkdownTable.fixed((double) count.leaderOperations() / count.calls(), 4));
			table.row("not leader", count.calls(), count.followerRuns(), count.followerOperations(),
					MarkdownTable.fixed((double) count.followerOperations() / count.calls(), 4));
			return table.toString();
		}

		private static String describe(String benchmark) {
			return switch (benchmark) {
				case "unproxiedCall" -> "unproxied (the bean's target, called directly)";
				case "passThroughProxy" -> "Spring proxy, pass-through advice only";
				case "leaderOnlyOnLeader" -> "@LeaderOnly on the leader (runs)";
				case "leaderOnlyOnFollower" -> "@LeaderOnly elsewhere (skipped)";
				case "observedOnLeader" -> "@LeaderOnly on the leader, observed (runs)";
				case "observedOnFollower" -> "@LeaderOnly elsewhere, observed (skipped)";
				default -> benchmark;
			};
		}

	}

}
