package dev.zkleader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * The balance demo: a real ZooKeeper server and sample instances in their own JVMs, each
 * running six jobs with named elections of their own and {@code leader.balance.enabled}.
 * The instances start together (the first to join leads all six), their leaderships
 * spread; one more instance joins and takes its share; the first one leaves and the rest
 * share its leaderships. Prints every change live, then a summary, and draws one row per
 * instance with the elections it led.
 */
public final class BalanceDemo {

	// The elections of the sample's named jobs (dev.zkleader.sample.NamedJobs, which the
	// driver does not load), in the order the picture draws them.
	static final List<String> ELECTIONS = List.of("reports", "billing", "exports", "cleanup", "indexing", "alerts");

	// Bounds the wait on a loaded 2-core machine, where JVMs start slowly; not the
	// expected time.
	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(180);

	// How long the final spread is held for the picture.
	private static final Duration STEADY = Duration.ofSeconds(2);

	// The first join of a named election; the line starts with the instant it was logged.
	private static final Pattern JOINED = Pattern.compile("^(\\S+)\\s.*Joined leader election '(?!default')");

	private final BalanceOptions options;

	private final PrintStream out;

	private final BalanceTimeline timeline = new BalanceTimeline();

	private final Map<String, ChildProcess> running = new LinkedHashMap<>();

	private final Map<String, Instant> joined = new ConcurrentHashMap<>();

	private final List<BalanceSvg.Mark> marks = new CopyOnWriteArrayList<>();

	private final List<BalancePhase> phases = new ArrayList<>();

	private Instant started = Instant.now();

	// Set once the scenario is over: what the instances log while they stop is not shown.
	private volatile @Nullable Instant ended;

	private BalanceDemo(BalanceOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		BalanceOptions options = CommandLine.optionsOrExit(args, BalanceOptions.USAGE, BalanceOptions::parse);
		System.exit(run(options, System.out).succeeded() ? 0 : 1);
	}

	/**
	 * Runs the demo and cleans up every process it started, whatever happens.
	 * @param options what to run
	 * @param out where the live changes and the summary go
	 * @return the outcome
	 * @throws IOException if the processes cannot be started or the files written
	 * @throws InterruptedException if interrupted while waiting
	 */
	static BalanceResult run(BalanceOptions options, PrintStream out) throws IOException, InterruptedException {
		return new BalanceDemo(options, out).run();
	}

	private BalanceResult run() throws IOException, InterruptedException {
		Path logs = Files.createDirectories(this.options.outputDir().resolve("logs"));
		@Nullable String failure;
		try (ChildProcesses children = new ChildProcesses(this.options.outputDir().resolve("demo.pids"))) {
			ZooKeeperServer zookeeper = ZooKeeperServer.standalone(children, logs,
					ServerOptions.defaults().tickTime(200).classpath(this.options.classpath()));
			this.out.printf(
					"Balance demo: %d instances, %d named elections each, settle delay %d ms, min tenure %d ms%n",
					this.options.instances(), ELECTIONS.size(), this.options.settleDelay().toMillis(),
					this.options.minTenure().toMillis());
			this.started = Instant.now();
			List<String> first = new ArrayList<>();
			for (int i = 1; i <= this.options.instances(); i++) {
				first.add(launch(children, "instance-" + i, zookeeper.connectString(), logs));
			}
			failure = phase(first.size() + " instances started together", () -> latest(first));
			String newcomer = "instance-" + (this.options.instances() + 1);
			if (failure == null) {
				launch(children, newcomer, zookeeper.connectString(), logs);
				failure = phase(newcomer + " joined", () -> this.joined.get(newcomer));
			}
			if (failure == null) {
				Instant leaving = leave("instance-1");
				failure = phase("instance-1 left", () -> leaving);
			}
			Thread.sleep(STEADY.toMillis());
			this.ended = Instant.now();
			// The instances leave before ZooKeeper does, and unseen.
			ChildProcesses.stop(this.running.values(), ChildProcesses.GRACE);
		}
		BalanceResult result = new BalanceSummary(this.options, this.out).summarize(this.timeline, this.phases,
				this.marks, failure, this.started, this.ended);
		if (result.succeeded() && !this.options.keepLogs()) {
			FileSystemUtils.deleteRecursively(logs);
		}
		else {
			this.out.println("Logs: " + logs);
		}
		return result;
	}

	private String launch(ChildProcesses children, String name, String connectString, Path logs) throws IOException {
		List<String> command = SampleInstances.command(this.options.classpath(), name, connectString,
				List.of("--leader.zookeeper.session-timeout=4s", "--sample.named-jobs=true",
						"--leader.balance.enabled=true",
						"--leader.balance.settle-delay=" + this.options.settleDelay().toMillis() + "ms",
						"--leader.balance.min-tenure=" + this.options.minTenure().toMillis() + "ms"));
		ChildProcess child = children.start(name, command, Output.pumped(logs.resolve(name + ".log"), this::read));
		child.onOutputEnd().thenRun(() -> this.timeline.ended(name, Instant.now()));
		this.running.put(name, child);
		return name;
	}

	private void read(String line) {
		Matcher joining = JOINED.matcher(line);
		if (joining.find()) {
			String instance = line.substring(line.lastIndexOf(" as '") + 5, line.lastIndexOf('\''));
			Instant at = Instant.parse(joining.group(1));
			if (this.joined.putIfAbsent(instance, at) == null) {
				this.marks.add(new BalanceSvg.Mark(instance, at, "joins"));
			}
		}
		BalanceTimeline.parse(line).filter((change) -> this.ended == null).ifPresent((change) -> {
			this.timeline.add(change);
			String verb = change.granted() ? "leads   " : "releases";
			String why = change.granted() ? "" : " (" + change.reason() + ")";
			this.out.println(at(change.time()) + " " + change.instance() + " " + verb + " " + change.election() + why);
		});
	}

	private Instant leave(String name) {
		Instant leaving = Instant.now();
		this.out.println(at(leaving) + " " + name + " shuts down gracefully");
		this.marks.add(new BalanceSvg.Mark(name, leaving, "leaves"));
		ChildProcess child = this.running.remove(name);
		if (child != null) {
			child.stop(ChildProcesses.GRACE);
		}
		return leaving;
	}

	// Waits until the running instances share the elections evenly; returns why not, or
	// null.
	private @Nullable String phase(String what, Since since) throws InterruptedException {
		long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
		List<String> instances = List.copyOf(this.running.keySet());
		while (!this.timeline.balanced(instances, ELECTIONS) || since.instant() == null) {
			if (System.nanoTime() >= deadline) {
				return "not balanced within " + PHASE_TIMEOUT.toSeconds() + " s after " + what + ": "
						+ this.timeline.current(instances);
			}
			int seen = this.timeline.size();
			this.timeline.awaitMoreThan(seen, Math.min(deadline, System.nanoTime() + 200_000_000L));
		}
		Instant from = since.instant();
		Map<String, List<String>> spread = this.timeline.current(instances);
		Instant last = this.timeline.leaderships()
			.stream()
			.map(BalanceTimeline.Leadership::start)
			.max(Instant::compareTo)
			.orElse(from);
		BalancePhase phase = new BalancePhase(what, Duration.between(from, last.isAfter(from) ? last : from), spread);
		this.phases.add(phase);
		this.out.println(at(last) + " BALANCED " + phase.describe());
		return null;
	}

	private @Nullable Instant latest(List<String> instances) {
		List<Instant> times = instances.stream().map(this.joined::get).toList();
		return times.contains(null) ? null : times.stream().max(Instant::compareTo).orElse(null);
	}

	private String at(Instant time) {
		return String.format(Locale.ROOT, "[+%7.3f s]", Duration.between(this.started, time).toMillis() / 1000.0);
	}

	@FunctionalInterface
	private interface Since {

		@Nullable Instant instant();

	}

}
