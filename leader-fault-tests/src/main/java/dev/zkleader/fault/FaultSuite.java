package dev.zkleader.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.net.TcpProxy;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * The fault suite: a real 3-node ZooKeeper ensemble and N instances of the test
 * application as separate JVMs, each reaching every member through a cuttable proxy of
 * its own; a nemesis that hits the current leader or the ensemble a given number of
 * times; then the checks of the fenced register's history against the instances' events,
 * and of the election's participants. Prints one summary line and exits non-zero on a
 * violation.
 */
public final class FaultSuite {

	// Generous: JVMs start slowly on a busy 2-core machine. They bound waiting only.
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

	// A leader writes every 200 to 350 ms; a write this recent shows who leads now.
	private static final long LEADING_NOW_MILLIS = 1000;

	private final FaultOptions options;

	private final PrintStream out;

	private final Random random;

	private final Path logs;

	private final Map<String, Instance> instances = new LinkedHashMap<>();

	private final List<Fault> faults = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private final long started = System.currentTimeMillis();

	private int launched;

	private FaultSuite(FaultOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.random = new Random(options.seed());
		this.logs = options.outputDir().resolve("logs");
	}

	public static void main(String[] args) throws Exception {
		FaultOptions options = CommandLine.optionsOrExit(args, FaultOptions.USAGE, FaultOptions::parse);
		Result result = run(options, System.out);
		System.exit(result.passed() ? 0 : 1);
	}

	/**
	 * Runs the suite and ends every process it started, whatever happens.
	 * @param options what to run
	 * @param out where progress and the summary go
	 * @return the outcome
	 * @throws IOException if processes cannot be started or files written
	 */
	static Result run(FaultOptions options, PrintStream out) throws IOException {
		return new FaultSuite(options, out).run();
	}

	private Result run() throws IOException {
		Path output = Files.createDirectories(this.options.outputDir());
		FileSystemUtils.deleteRecursively(this.logs);
		FileSystemUtils.deleteRecursively(output.resolve("zookeeper"));
		Files.createDirectories(this.logs);
		this.out.printf(Locale.ROOT, "Fault suite: %d instances, %d faults, session timeout %d ms, seed %d%n",
				this.options.instances(), this.options.faults(), this.options.sessionTimeout().toMillis(),
				this.options.seed());
		List<Attempt> history;
		List<LeaderEvent> events;
		long observedUntil;
		try (ChildProcesses children = new ChildProcesses(output.resolve("fault-suite.pids"));
				FencedRegister register = new FencedRegister(output)) {
			ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(children, output.resolve("zookeeper"), 3,
					this.options.zookeeper());
			log("ZooKeeper ensemble serving on " + ensemble.connectString() + " (tickTime "
					+ this.options.zookeeper().tickMillis() + " ms); fenced register on " + register.url());
			Nemesis nemesis = new Nemesis(ensemble, this.options.sessionTimeout(), this.random,
					(killed) -> replace(killed, children, ensemble, register));
			for (int i = 0; i < this.options.instances(); i++) {
				launch(children, ensemble, register);
			}
			try {
				if (awaitStartup(register)) {
					nemesis(nemesis, register);
					awaitSettled(register);
				}
			}
			finally {
				// Heal whatever is still broken, then let the instances leave normally,
				// so
				// that their logs show a clean shutdown too.
				this.instances.values().forEach(Instance::heal);
				ChildProcesses.stop(this.instances.values().stream().map(Instance::process).toList(),
						ChildProcesses.GRACE);
				this.instances.values().forEach(Instance::closeProxies);
				observedUntil = System.currentTimeMillis();
				history = register.history();
				events = register.events();
				writeFaults(output);
			}
		}
		HistoryCheck.Report report = HistoryCheck.check(history, events, this.faults,
				this.options.gapBound().toMillis(), this.options.rideOutBound().toMillis(), observedUntil);
		List<String> errorLines = SuiteSummary.errorLines(this.logs);
		return summarize(report, errorLines);
	}

	private void replace(Instance killed, ChildProcesses children, ZooKeeperEnsemble ensemble, FencedRegister register)
			throws IOException {
		this.instances.remove(killed.id());
		launch(children, ensemble, register);
	}

	private void launch(ChildProcesses children, ZooKeeperEnsemble ensemble, FencedRegister register)
			throws IOException {
		String id = "app-" + (++this.launched);
		List<TcpProxy> proxies = Instance.proxies(id, ensemble);
		List<String> command = Jvm.command(
				List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m", "-Xss512k"),
				this.options.classpath(), "dev.zkleader.fault.app.FaultTestApplication",
				List.of("--leader.participant-id=" + id,
						"--leader.zookeeper.connect-string=" + Instance.connectString(proxies),
						"--leader.zookeeper.session-timeout=" + this.options.sessionTimeout().toMillis() + "ms",
						"--fault.register-url=" + register.url()));
		ChildProcess process = children.start(id, command, Output.toFile(this.logs.resolve(id + ".log")));
		this.instances.put(id, Instance.of(id, process, proxies));
	}

	private boolean awaitStartup(FencedRegister register) {
		long begin = System.nanoTime();
		boolean ready = register.await(
				(r) -> r.lastAccepted() != null && r.heartbeats().keySet().containsAll(this.instances.keySet()),
				STARTUP_TIMEOUT);
		if (!ready) {
			this.problems.add("start-up: not every instance reported, or nobody led, within "
					+ STARTUP_TIMEOUT.toSeconds() + " s; reported: " + register.heartbeats().keySet());
			return false;
		}
		Attempt first = register.lastAccepted();
		log("All " + this.instances.size() + " instances up after " + millis(begin) + " ms; " + first.participant()
				+ " leads (token " + first.token() + ")");
		return true;
	}

	private void nemesis(Nemesis nemesis, FencedRegister register) throws IOException {
		List<FaultKind> bag = new ArrayList<>();
		for (int number = 1; number <= this.options.faults(); number++) {
			// Every kind once per round, in random order: even a short run covers them
			// all.
			if (bag.isEmpty()) {
				bag.addAll(List.of(FaultKind.values()));
				Collections.shuffle(bag, this.random);
			}
			FaultKind kind = bag.remove(0);
			Attempt leading = awaitLeader(register);
			if (leading == null) {
				this.problems.add("no leader was working before fault #" + number + " (waited "
						+ RECOVERY_TIMEOUT.toSeconds() + " s)");
				return;
			}
			Fault fault = nemesis.inject(number, kind, this.instances.get(leading.participant()), leading.token());
			this.faults.add(fault);
			Attempt recovery = awaitRecovery(fault, register);
			if (recovery == null) {
				this.problems
					.add(fault.describe() + ": no new leader worked within " + RECOVERY_TIMEOUT.toSeconds() + " s");
				log(String.format(Locale.ROOT, "fault %3d/%d %-10s %s: NO RECOVERY", number, this.options.faults(),
						kind, fault.victim()));
				return;
			}
			log(String.format(Locale.ROOT, "fault %3d/%d %-10s %-9s %s; %s leads (token %d) %d ms after %s", number,
					this.options.faults(), kind, fault.victim(), action(fault), recovery.participant(),
					recovery.token(), recovery.start() - fault.measuredFrom(),
					kind.hitsZooKeeper() ? "ZooKeeper served again" : "the injection"));
			Pause.millis(300 + this.random.nextInt(700));
		}
	}

	private @Nullable Attempt awaitLeader(FencedRegister register) {
		boolean found = register.await((r) -> {
			Attempt last = r.lastAccepted();
			return last != null && System.currentTimeMillis() - last.receivedAt() < LEADING_NOW_MILLIS
					&& this.instances.containsKey(last.participant())
					&& this.instances.get(last.participant()).process().isAlive();
		}, RECOVERY_TIMEOUT);
		return found ? register.lastAccepted() : null;
	}

	private static String action(Fault fault) {
		long took = fault.healedAt() - fault.injectedAt();
		return switch (fault.kind()) {
			case KILL -> "SIGKILL, replacement started";
			case PAUSE -> "SIGSTOP for " + took + " ms";
			case PARTITION -> "cut for " + took + " ms";
			case RESET -> "connection reset";
			default -> fault.victim() + " serving again after " + took + " ms";
		};
	}

	// The first accepted run of a leadership that took over: a higher token after a fault
	// on the leader; anything after the restarted ZooKeeper serves.
	private @Nullable Attempt awaitRecovery(Fault fault, FencedRegister register) {
		boolean recovered = register.await((r) -> recovery(fault, r) != null, RECOVERY_TIMEOUT);
		return recovered ? recovery(fault, register) : null;
	}

	private static @Nullable Attempt recovery(Fault fault, FencedRegister register) {
		return register.acceptedSince(fault.injectedAt())
			.stream()
			.filter((attempt) -> attempt.start() >= fault.measuredFrom() && attempt.token() > fault.victimToken())
			.min(Comparator.comparingLong(Attempt::start))
			.orElse(null);
	}

	// No stuck latch: once the faults are over, every surviving instance must see every
	// surviving instance among the participants, and somebody must lead.
	private void awaitSettled(FencedRegister register) {
		long from = System.currentTimeMillis();
		boolean settled = register.await((r) -> stuck(r, from).isEmpty() && leadingNow(r), SETTLE_TIMEOUT);
		if (settled) {
			log("Settled: every surviving instance (" + String.join(", ", this.instances.keySet())
					+ ") takes part in the election, and one leads");
			return;
		}
		List<String> stuck = stuck(register, from);
		stuck.forEach((problem) -> this.problems.add("stuck participant: " + problem));
		if (!leadingNow(register)) {
			this.problems.add("nobody leads at the end");
		}
	}

	private static boolean leadingNow(FencedRegister register) {
		Attempt last = register.lastAccepted();
		return last != null && System.currentTimeMillis() - last.receivedAt() < LEADING_NOW_MILLIS;
	}

	private List<String> stuck(FencedRegister register, long from) {
		Map<String, FencedRegister.Heartbeat> heartbeats = register.heartbeats();
		Set<String> alive = this.instances.keySet();
		List<String> stuck = new ArrayList<>();
		for (String id : alive) {
			FencedRegister.Heartbeat heartbeat = heartbeats.get(id);
			if (heartbeat == null || heartbeat.receivedAt() < from) {
				stuck.add(id + " has not reported since the faults ended");
			}
			else if (heartbeat.participants().size() != alive.size() || !heartbeat.participants().containsAll(alive)) {
				// A missing survivor has a stuck latch; an extra or duplicate id is a
				// latch
				// node nobody acts on (dead ones vanish once their sessions expire).
				stuck.add(id + " sees participants " + heartbeat.participants() + ", not exactly " + alive);
			}
		}
		return stuck;
	}

	private Result summarize(HistoryCheck.Report report, List<String> errorLines) {
		String summary = SuiteSummary.print(this.out, this.options, report, this.faults.size(), errorLines);
		List<String> violations = new ArrayList<>(this.problems);
		violations.addAll(report.violations());
		if (this.faults.size() < this.options.faults()) {
			violations.add("only " + this.faults.size() + " of " + this.options.faults() + " faults were injected");
		}
		this.out.println(summary);
		if (violations.isEmpty()) {
			this.out.println("PASSED: no stale write accepted, no stale start, no stillLeading() after a term, "
					+ "every gap within " + this.options.gapBound().toMillis()
					+ " ms, every fault shorter than the lease ridden out, no stuck participant");
		}
		else {
			this.out.println("FAILED:");
			violations.forEach((violation) -> this.out.println("  " + violation));
			this.out.println("Logs: " + this.logs);
		}
		return new Result(report, List.copyOf(this.faults), violations, errorLines, summary);
	}

	private void writeFaults(Path output) throws IOException {
		Files.writeString(output.resolve("faults.tsv"), Fault.HEADER + "\n"
				+ this.faults.stream().map(Fault::toTsv).map((line) -> line + "\n").collect(Collectors.joining()));
	}

	private void log(String message) {
		this.out.printf(Locale.ROOT, "[+%7.1f s] %s%n", (System.currentTimeMillis() - this.started) / 1000.0, message);
	}

	private static long millis(long sinceNanos) {
		return Duration.ofNanos(System.nanoTime() - sinceNanos).toMillis();
	}

	/**
	 * The outcome of a run.
	 *
	 * @param report the checks of the history
	 * @param faults the faults injected
	 * @param violations everything that failed (empty when the run passed)
	 * @param errorLines ERROR lines in the instances' logs (reported, not a violation)
	 * @param summary the summary line
	 */
	record Result(HistoryCheck.Report report, List<Fault> faults, List<String> violations, List<String> errorLines,
			String summary) {

		boolean passed() {
			return this.violations.isEmpty();
		}

	}

}
