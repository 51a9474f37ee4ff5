package dev.zkleader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.zkleader.harness.cli.CommandLine;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

import org.springframework.util.FileSystemUtils;

/**
 * The failover demo: a real ZooKeeper server and N sample instances, each in its own JVM.
 * Every instance crashes (or shuts down) after it has led for a while, so leadership
 * moves from one to the next until all have led. Prints the timeline live, then a
 * summary, and draws the timeline as an SVG picture.
 */
public final class FailoverDemo {

	// A JVM on a loaded 2-core machine can take long to start; these bound waiting, not
	// the expected time.
	private static final Duration FIRST_LEADER_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration NEXT_LEADER_SLACK = Duration.ofSeconds(60);

	private final DemoOptions options;

	private final PrintStream out;

	private final Timeline timeline = new Timeline();

	private Instant started = Instant.now();

	private FailoverDemo(DemoOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		DemoOptions options = CommandLine.optionsOrExit(args, DemoOptions.USAGE, DemoOptions::parse);
		DemoResult result = run(options, System.out);
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
	static DemoResult run(DemoOptions options, PrintStream out) throws IOException, InterruptedException {
		return new FailoverDemo(options, out).run();
	}

	private DemoResult run() throws IOException, InterruptedException {
		Path logs = Files.createDirectories(this.options.outputDir().resolve("logs"));
		String failure;
		try (ChildProcesses children = new ChildProcesses(this.options.outputDir().resolve("demo.pids"))) {
			SampleInstances instances = new SampleInstances(children, this.options.classpath(), logs, this::record);
			this.out.printf("Failover demo: %d instances, %s after leading %s, session timeout %d ms%n",
					this.options.instances(), this.options.mode(), seconds(this.options.leadFor()),
					this.options.sessionTimeout().toMillis());
			long zookeeperStart = System.nanoTime();
			ServerOptions server = this.options.zookeeper();
			ZooKeeperServer zookeeper = ZooKeeperServer.standalone(children, logs, server);
			this.out.printf("ZooKeeper server serving on %s (tickTime %d ms) after %d ms%n", zookeeper.connectString(),
					server.tickMillis(), Duration.ofNanos(System.nanoTime() - zookeeperStart).toMillis());
			this.started = Instant.now();
			String ending = (this.options.graceful() ? "--sample.exit-after-leading=" : "--sample.crash-after-leading=")
					+ this.options.leadFor().toMillis() + "ms";
			List<String> properties = List.of(ending,
					"--leader.zookeeper.session-timeout=" + this.options.sessionTimeout().toMillis() + "ms");
			for (int i = 1; i <= this.options.instances(); i++) {
				instances.launch("instance-" + i, zookeeper.connectString(), properties);
			}
			this.out.printf("Started %d sample instances (separate JVMs); waiting for the first leader...%n",
					this.options.instances());
			failure = follow(instances);
		}
		DemoResult result = summarize(failure);
		if (result.succeeded() && !this.options.keepLogs()) {
			FileSystemUtils.deleteRecursively(logs);
		}
		else {
			this.out.println("Logs: " + logs);
		}
		return result;
	}

	private void record(Timeline.Event event) {
		this.timeline.add(event);
		String at = String.format(Locale.ROOT, "[+%7.3f s]",
				Duration.between(this.started, event.time()).toMillis() / 1000.0);
		switch (event.kind()) {
			case GRANTED -> this.out.println(at + " LEADER   " + event.instance() + " leads" + failoverNote(event));
			case CRASHED -> this.out.println(at + " CRASH    " + event.instance() + " crashes (halt, no shutdown "
					+ "hooks): the next leader waits for its ZooKeeper session to expire");
			case EXITED -> this.out.println(at + " EXIT     " + event.instance() + " shuts down gracefully");
			case REVOKED ->
				this.out.println(at + " RELEASE  " + event.instance() + " gave up leadership (" + event.detail() + ")");
			case PROCESS_ENDED ->
				this.out.println(at + " ENDED    " + event.instance() + " process ended (" + event.detail() + ")");
			default -> {
			}
		}
	}

	private String failoverNote(Timeline.Event granted) {
		List<Timeline.Leadership> before = this.timeline.leaderships()
			.stream()
			.filter((leadership) -> leadership.start().isBefore(granted.time()) && leadership.ended())
			.toList();
		if (before.isEmpty()) {
			return " (first leader, " + Duration.between(this.started, granted.time()).toMillis()
					+ " ms after the instances were launched)";
		}
		Timeline.Leadership previous = before.get(before.size() - 1);
		return " (failover " + Duration.between(previous.end(), granted.time()).toMillis() + " ms after "
				+ previous.instance() + (previous.ending() == Timeline.Kind.REVOKED ? " released it)" : " crashed)");
	}

	// Returns why the scenario did not complete, or null when every instance has led and
	// ended.
	private String follow(SampleInstances instances) throws InterruptedException {
		long deadline = System.nanoTime() + FIRST_LEADER_TIMEOUT.toNanos();
		Duration step = this.options.leadFor()
			.plus(this.options.sessionTimeout().multipliedBy(3))
			.plus(NEXT_LEADER_SLACK);
		int seen = 0;
		int leadersSeen = 0;
		while (true) {
			List<Timeline.Leadership> leaderships = this.timeline.leaderships();
			if (leaderships.size() > leadersSeen) {
				leadersSeen = leaderships.size();
				deadline = System.nanoTime() + step.toNanos();
			}
			String problem = problem(leaderships);
			if (problem != null) {
				return problem;
			}
			if (complete(leaderships, instances)) {
				return null;
			}
			if (System.nanoTime() >= deadline) {
				return (leaderships.isEmpty() ? "no instance became leader"
						: "no new leader after " + leaderships.get(leaderships.size() - 1).instance())
						+ " within the time allowed";
			}
			List<Timeline.Event> events = this.timeline.events();
			seen = events.size();
			this.timeline.awaitMoreThan(seen, deadline);
		}
	}

	private String problem(List<Timeline.Leadership> leaderships) {
		for (Timeline.Event event : this.timeline.events()) {
			boolean led = leaderships.stream().anyMatch((leadership) -> leadership.instance().equals(event.instance()));
			if (event.kind() == Timeline.Kind.PROCESS_ENDED && !led) {
				return event.instance() + " ended (" + event.detail() + ") before it ever led; see its log";
			}
		}
		return null;
	}

	private boolean complete(List<Timeline.Leadership> leaderships, SampleInstances instances) {
		long ledAndEnded = leaderships.stream()
			.filter(Timeline.Leadership::ended)
			.map(Timeline.Leadership::instance)
			.distinct()
			.count();
		return ledAndEnded == this.options.instances() && instances.noneAlive();
	}

	private DemoResult summarize(String failure) throws IOException {
		List<Timeline.Leadership> leaderships = this.timeline.leaderships();
		List<Long> gaps = this.timeline.failoverGapsMillis();
		List<String> overlaps = this.timeline.overlaps();
		this.out.println();
		this.out.println("Summary");
		this.out.println("  Leaders in order: " + (leaderships.isEmpty() ? "none"
				: leaderships.stream().map(Timeline.Leadership::instance).collect(Collectors.joining(" -> "))));
		this.out.println("  Failover gaps (" + this.options.mode() + ", session timeout "
				+ this.options.sessionTimeout().toMillis() + " ms): " + describe(gaps));
		this.out.println("  Moments with two leaders: " + (overlaps.isEmpty() ? "none" : String.join("; ", overlaps)));
		Path picture = null;
		if (!leaderships.isEmpty()) {
			picture = this.options.outputDir().resolve("timeline.svg");
			List<String> names = IntStream.rangeClosed(1, this.options.instances())
				.mapToObj((i) -> "instance-" + i)
				.toList();
			String title = "Failover demo: " + this.options.instances() + " instances, leaders " + this.options.mode()
					+ " after " + seconds(this.options.leadFor());
			String subtitle = "session timeout " + this.options.sessionTimeout().toMillis() + " ms  |  failover "
					+ (gaps.isEmpty() ? "none"
							: "min " + gaps.stream().min(Long::compare).get() + " / median " + median(gaps) + " / max "
									+ gaps.stream().max(Long::compare).get() + " ms")
					+ "  |  two leaders at once: " + (overlaps.isEmpty() ? "never" : overlaps.size() + " times");
			Files.writeString(picture, TimelineSvg.render(title, subtitle, names, leaderships));
			this.out.println("  Timeline picture: " + picture);
		}
		DemoResult result = new DemoResult(leaderships, gaps, overlaps, failure, picture);
		this.out.println(result.succeeded() ? "Demo completed: every instance led in turn, never two at once."
				: "Demo FAILED: " + ((failure != null) ? failure : String.join("; ", overlaps)));
		return result;
	}

	static String describe(List<Long> gaps) {
		if (gaps.isEmpty()) {
			return "none";
		}
		List<Long> sorted = gaps.stream().sorted().toList();
		return String.format(Locale.ROOT, "min %d ms, median %d ms, max %d ms (n=%d)", sorted.get(0), median(gaps),
				sorted.get(sorted.size() - 1), sorted.size());
	}

	static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * The outcome of a run.
	 *
	 * @param leaderships every leadership, in order
	 * @param failoverGapsMillis the time without a leader before each new leader
	 * @param overlaps moments with two leaders (must be empty)
	 * @param failure why the scenario did not complete, or {@code null}
	 * @param picture the timeline picture, or {@code null} when nobody led
	 */
	record DemoResult(List<Timeline.Leadership> leaderships, List<Long> failoverGapsMillis, List<String> overlaps,
			String failure, Path picture) {

		boolean succeeded() {
			return this.failure == null && this.overlaps.isEmpty();
		}

		List<String> leaders() {
			return new ArrayList<>(this.leaderships.stream().map(Timeline.Leadership::instance).toList());
		}

	}

}
