package dev.zkleader.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.zkleader.benchmarks.failover.CrashFailoverBenchmark;
import dev.zkleader.benchmarks.failover.HandoverBenchmark;
import dev.zkleader.benchmarks.failover.MaintenanceBenchmark;
import dev.zkleader.benchmarks.footprint.FootprintBenchmark;
import dev.zkleader.benchmarks.gating.GatingRun;
import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.scale.ScaleBenchmark;
import dev.zkleader.harness.cli.CommandLine;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link Benchmarks}: which benchmarks, how long, where results go.
 *
 * @param quick the short run: fewer participants and repetitions
 * @param diagnose the handover with two more contenders that tell where the starter's
 * extra time goes
 * @param only the benchmarks to run
 * @param sampleJar the sample application's executable jar (for the footprint)
 * @param output where logs and {@code results.md} go
 * @param seed seeds every random order and pause
 * @param starterArguments more arguments for the starter's handover participants
 * @param arguments the arguments as given, to print the command
 */
record BenchmarkOptions(boolean quick, boolean diagnose, Set<String> only, @Nullable Path sampleJar, Path output,
		long seed, List<String> starterArguments, List<String> arguments) {

	static final List<String> ALL = List.of("handover", "crash", "gating", "scale", "footprint", "maintenance");

	static final String USAGE = """
			Usage: benchmarks/run.sh [--quick] [--only=handover,crash,gating,scale,footprint,maintenance] [--seed=N]
			  --quick   a short run (a few minutes): fewer participants and repetitions
			  --only    run only these benchmarks (default: all, about 25 minutes)
			  --seed    seeds the random order of contenders and the pauses (default 42)
			  --diagnose  the handover with two more contenders: raw Curator with its listener on its own
			            thread, and the starter with its election's logging at WARN (3 JVMs each, 40 rounds)
			  --starter-arg=ARG   pass ARG to the starter's handover participants (diagnosis only),
			            e.g. --starter-arg=--logging.level.dev.zkleader=WARN
			  --output=DIR        where results.md and the logs go (default benchmarks/target/benchmark-results)
			""";

	static BenchmarkOptions parse(String[] args) {
		CommandLine line = CommandLine.parse(args, Set.of("--quick", "--diagnose"),
				Set.of("--only", "--seed", "--sample-jar", "--starter-arg", "--output"));
		Set<String> only = new LinkedHashSet<>(ALL);
		Optional<String> chosen = line.value("--only");
		if (chosen.isPresent()) {
			only = new LinkedHashSet<>(List.of(chosen.get().split(",")));
			if (!ALL.containsAll(only)) {
				throw new IllegalArgumentException(
						"Unknown benchmark in --only=" + chosen.get() + "; choose from " + ALL);
			}
		}
		// The script's own argument is not part of the command a reader would type.
		List<String> shown = line.arguments().stream().filter((arg) -> !arg.startsWith("--sample-jar")).toList();
		return new BenchmarkOptions(line.has("--quick"), line.has("--diagnose"), only,
				line.value("--sample-jar").map(Path::of).orElse(null),
				line.path("--output", Path.of("benchmarks", "target", "benchmark-results")), line.number("--seed", 42),
				line.values("--starter-arg"), shown);
	}

	String command() {
		return String.join(" ", "benchmarks/run.sh", String.join(" ", this.arguments)).trim();
	}

	HandoverBenchmark.Settings handover() {
		List<Contender> contenders = this.diagnose ? List.of(Contender.values()) : Contender.COMPARED;
		int participants = (this.quick || this.diagnose) ? 3 : 6;
		int warmup = this.quick ? 2 : 5;
		int rounds = this.quick ? 15 : (this.diagnose ? 40 : 100);
		return new HandoverBenchmark.Settings(participants, warmup, rounds, Duration.ofSeconds(3),
				Duration.ofMillis(300), Duration.ofMillis(1000), this.seed, this.starterArguments, contenders);
	}

	CrashFailoverBenchmark.Settings crash() {
		return new CrashFailoverBenchmark.Settings(
				List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15)), this.quick ? 3 : 10,
				this.seed);
	}

	GatingRun.Settings gating() {
		return this.quick ? new GatingRun.Settings(2, 3, Duration.ofMillis(500), 10_000)
				: new GatingRun.Settings(3, 5, Duration.ofSeconds(1), 10_000);
	}

	ScaleBenchmark.Settings scale() {
		return new ScaleBenchmark.Settings(List.of(50, 100, 200), this.quick ? 5 : 20, Duration.ofSeconds(15),
				this.quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10), this.seed);
	}

	MaintenanceBenchmark.Settings maintenance() {
		return new MaintenanceBenchmark.Settings(this.quick ? 2 : 3, this.quick ? 1 : 5, this.quick ? 2 : 6,
				Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(3), Duration.ofMillis(5),
				Duration.ofMillis(20), this.seed, Contender.MAINTENANCE);
	}

	FootprintBenchmark.Settings footprint() {
		return new FootprintBenchmark.Settings(this.quick ? 2 : 5, this.seed);
	}

}
