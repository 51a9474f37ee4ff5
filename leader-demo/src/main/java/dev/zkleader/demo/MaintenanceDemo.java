package dev.zkleader.demo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;

import org.springframework.util.FileSystemUtils;

/**
 * The maintenance demo: a real three-server ZooKeeper ensemble and N sample instances,
 * each in its own JVM. While the leader's job runs, every ZooKeeper server is restarted,
 * one at a time, as operators do; the timeline shows whether leadership noticed. Prints
 * the timeline live, then a summary ({@link MaintenanceReport}), and draws it as an SVG.
 */
public final class MaintenanceDemo {

	// A JVM on a loaded 2-core machine can take long to start; these bound waiting, not
	// the expected time.
	private static final Duration FIRST_LEADER_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

	// Job runs (once a second) to see before the first restart, between two and after
	// the last: each restart happens while the leader works.
	private static final int RUNS_BETWEEN = 2;

	private final MaintenanceOptions options;

	private final PrintStream out;

	private final Timeline timeline = new Timeline();

	private final List<TimelineSvg.Band> restarts = new ArrayList<>();

	private Instant started = Instant.now();

	private MaintenanceDemo(MaintenanceOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		MaintenanceOptions options = CommandLine.optionsOrExit(args, MaintenanceOptions.USAGE,
				MaintenanceOptions::parse);
		MaintenanceReport.Result result = run(options, System.out);
		System.exit(result.succeeded() ? 0 : 1);
	}

	/**
	 * Runs the demo and cleans up every process it started, whatever happens.
	 * @param options what to run
	 * @param out where the live timeline and the summary go
	 * @return the outcome
	 * @throws IOException if the processes cannot be started or the files written
	 * @throws InterruptedException if interrupted while waiting
	 */
	static MaintenanceReport.Result run(MaintenanceOptions options, PrintStream out)
			throws IOException, InterruptedException {
		return new MaintenanceDemo(options, out).run();
	}

	private MaintenanceReport.Result run() throws IOException, InterruptedException {
		Path logs = Files.createDirectories(this.options.outputDir().resolve("logs"));
		String failure;
		Instant stopping;
		try (ChildProcesses children = new ChildProcesses(this.options.outputDir().resolve("demo.pids"))) {
			this.out.printf(
					"Maintenance demo: %d instances on a 3-server ZooKeeper ensemble, "
							+ "leader.connection-loss=%s, session timeout %d ms%n",
					this.options.instances(), this.options.connectionLoss(), this.options.sessionTimeout().toMillis());
			long ensembleStart = System.nanoTime();
			ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start(children, logs.resolve("zookeeper"), 3,
					this.options.zookeeper());
			this.out.printf("ZooKeeper ensemble serving on %s (server %d leads it) after %d ms%n",
					ensemble.connectString(), ensemble.awaitLeader().id(),
					Duration.ofNanos(System.nanoTime() - ensembleStart).toMillis());
			this.started = Instant.now();
			SampleInstances instances = new SampleInstances(children, this.options.classpath(), logs, this::record);
			List<String> properties = List.of("--leader.connection-loss=" + this.options.connectionLoss(),
					"--leader.zookeeper.session-timeout=" + this.options.sessionTimeout().toMillis() + "ms");
			for (int i = 1; i <= this.options.instances(); i++) {
				instances.launch("instance-" + i, ensemble.connectString(), properties);
			}
			this.out.printf("Started %d sample instances (separate JVMs); waiting for the first leader...%n",
					this.options.instances());
			failure = restartEveryServerWhileTheLeaderWorks(ensemble);
			stopping = Instant.now();
			this.out.println(at(stopping) + " STOP     every instance shuts down: the demo is over");
			instances.stopAll();
		}
		MaintenanceReport report = new MaintenanceReport(this.options, this.timeline, this.restarts, this.out);
		MaintenanceReport.Result result = report.summarize(failure, stopping);
		if (result.succeeded() && !this.options.keepLogs()) {
			FileSystemUtils.deleteRecursively(logs);
		}
		else {
			this.out.println("Logs: " + logs);
		}
		return result;
	}

	// Returns why the scenario did not complete, or null.
	private String restartEveryServerWhileTheLeaderWorks(ZooKeeperEnsemble ensemble)
			throws IOException, InterruptedException {
		if (!awaitEvents(Timeline.Kind.GRANTED, 1, FIRST_LEADER_TIMEOUT)) {
			return "no instance became leader within " + FIRST_LEADER_TIMEOUT.toSeconds() + " s";
		}
		if (!awaitEvents(Timeline.Kind.JOB_RUN, RUNS_BETWEEN + 1, JOB_TIMEOUT)) {
			return "the leader's job did not run";
		}
		int leader = ensemble.awaitLeader().id();
		Instant[] began = { Instant.now() };
		String[] failure = { null };
		ensemble.rollingRestart((member) -> {
			Instant back = Instant.now();
			String role = (member.id() == leader) ? "its leader" : "a follower";
			this.restarts.add(new TimelineSvg.Band("ZooKeeper " + member.id() + " restarts", began[0], back));
			this.out.println(at(back) + " ZK       server " + member.id() + " (" + role + ") restarted: stopped, "
					+ "started and serving again in " + Duration.between(began[0], back).toMillis() + " ms");
			if (failure[0] == null && !awaitMoreJobRunsUninterruptibly()) {
				failure[0] = "the leader's job did not run again after the restart of ZooKeeper server " + member.id();
			}
			began[0] = Instant.now();
		});
		if (failure[0] == null && !awaitMoreJobRuns(RUNS_BETWEEN)) {
			failure[0] = "the leader's job did not run again after the rolling restart";
		}
		return failure[0];
	}

	// For the rolling restart's callback, which may throw only IOException.
	private boolean awaitMoreJobRunsUninterruptibly() throws IOException {
		try {
			return awaitMoreJobRuns(RUNS_BETWEEN);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the leader's job");
		}
	}

	private boolean awaitMoreJobRuns(int more) throws InterruptedException {
		return awaitEvents(Timeline.Kind.JOB_RUN, this.timeline.jobRuns().size() + more, JOB_TIMEOUT);
	}

	private boolean awaitEvents(Timeline.Kind kind, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<Timeline.Event> events = this.timeline.events();
			if (events.stream().filter((event) -> event.kind() == kind).count() >= count) {
				return true;
			}
			if (System.nanoTime() >= deadline) {
				return false;
			}
			this.timeline.awaitMoreThan(events.size(), deadline);
		}
	}

	private void record(Timeline.Event event) {
		this.timeline.add(event);
		switch (event.kind()) {
			case GRANTED -> this.out.println(at(event.time()) + " LEADER   " + event.instance() + " leads");
			case REVOKED -> this.out.println(
					at(event.time()) + " RELEASE  " + event.instance() + " lost leadership (" + event.detail() + ")");
			case PROCESS_ENDED -> this.out.println(
					at(event.time()) + " ENDED    " + event.instance() + " process ended (" + event.detail() + ")");
			default -> {
			}
		}
	}

	private String at(Instant time) {
		return String.format(Locale.ROOT, "[+%7.3f s]", Duration.between(this.started, time).toMillis() / 1000.0);
	}

}
