package dev.zkleader.benchmarks.failover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.support.EpochMicros;
import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.Summary;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * Crash failover: the leader's JVM is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux), so nothing deletes its node; the next
 * participant of this starter leads once ZooKeeper expires the dead session. Timed from
 * the kill (stamped by the driver) to the next {@code LeadershipGrantedEvent} (stamped by
 * the participant), for several session timeouts.
 * <p>
 * Each kill comes after a random pause of up to one client ping interval, so that the
 * kill falls anywhere in the dead client's ping cycle. A fresh JVM replaces the killed
 * participant, started right after the kill; the next kill waits until it has joined.
 */
public final class CrashFailoverBenchmark {

	private static final int PARTICIPANTS = 3;

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration MINIMUM_PAUSE = Duration.ofMillis(300);

	private CrashFailoverBenchmark() {
	}

	public static Result run(ChildProcesses children, Path logs, ZooKeeperServer server, Settings settings,
			PrintStream progress) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Random random = new Random(settings.seed());
		Map<Duration, List<Double>> failovers = new LinkedHashMap<>();
		Map<Duration, Integer> negotiated = new LinkedHashMap<>();
		try (ParticipantFleet fleet = new ParticipantFleet(children, logs, server.connectString())) {
			for (Duration session : settings.sessionTimeouts()) {
				ParticipantFleet.Group group = fleet.group(Contender.STARTER,
						"/benchmarks/crash/" + session.toMillis() + "ms", session);
				for (int i = 0; i < PARTICIPANTS; i++) {
					group.launch();
				}
				List<Double> samples = new ArrayList<>();
				for (int rep = 0; rep < settings.repetitions(); rep++) {
					group.awaitSettled(PARTICIPANTS, START_TIMEOUT);
					Pause.millis(MINIMUM_PAUSE.toMillis() + (long) (random.nextDouble() * pingInterval(session)));
					ParticipantProcess leader = fleet.read(group::leader);
					List<ParticipantProcess> others = fleet
						.read(() -> group.members().stream().filter((member) -> member != leader).toList());
					Map<ParticipantProcess, Integer> grantsBefore = fleet.read(() -> {
						Map<ParticipantProcess, Integer> grants = new HashMap<>();
						others.forEach((other) -> grants.put(other, other.grants));
						return grants;
					});
					int sessionMillis = fleet.read(() -> leader.sessionTimeoutMillis);
					long killed = EpochMicros.now();
					leader.process().destroyForcibly();
					group.forget(leader);
					// The replacement starts while ZooKeeper waits out the dead session:
					// its start-up
					// competes for the cores with the failover, adding milliseconds to
					// seconds, and
					// spares the run a JVM start per kill. It joins behind the survivors.
					group.launch();
					fleet.await("a new leader after killing " + leader,
							() -> others.stream().anyMatch((o) -> o.grants > grantsBefore.get(o)),
							session.multipliedBy(3).plusSeconds(30));
					long granted = fleet.read(() -> others.stream()
						.filter((o) -> o.grants > grantsBefore.get(o))
						.mapToLong((o) -> o.lastGrantMicros)
						.min()
						.getAsLong());
					double millis = (granted - killed) / 1000.0;
					samples.add(millis);
					negotiated.put(session, sessionMillis);
					progress.printf(Locale.ROOT, "  session %d ms, kill %d/%d: next leader after %.0f ms (%.2f x)%n",
							sessionMillis, rep + 1, settings.repetitions(), millis, millis / sessionMillis);
					leader.stop();
				}
				failovers.put(session, samples);
				group.exitAll();
			}
		}
		return new Result(settings, failovers, negotiated, Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * How often an idle ZooKeeper client pings: when nothing was sent for a third of the
	 * session timeout, less one second once that exceeds a second (ZooKeeper's
	 * {@code ClientCnxn}).
	 * @param session the negotiated session timeout
	 * @return milliseconds between pings
	 */
	static long pingInterval(Duration session) {
		long readTimeout = session.toMillis() * 2 / 3;
		long half = readTimeout / 2;
		return (half > 1000) ? Math.max(half - 1000, 1000) : half;
	}

	/**
	 * How the benchmark runs.
	 *
	 * @param sessionTimeouts the session timeouts to measure
	 * @param repetitions kills per session timeout
	 * @param seed seeds the pauses
	 */
	public record Settings(List<Duration> sessionTimeouts, int repetitions, long seed) {

	}

	/**
	 * The outcome.
	 *
	 * @param settings how it ran
	 * @param failoverMillis per requested session timeout, the time from kill to grant
	 * @param negotiatedSessionMillis per requested session timeout, the negotiated one
	 * @param elapsed how long the benchmark took
	 */
	public record Result(Settings settings, Map<Duration, List<Double>> failoverMillis,
			Map<Duration, Integer> negotiatedSessionMillis, Duration elapsed) {

		public String table() {
			MarkdownTable table = new MarkdownTable(">Session timeout (negotiated) ms", ">Ping every ms", ">n",
					">min ms", ">median ms", ">max ms", ">min ×", ">median ×", ">max ×");
			this.failoverMillis.forEach((session, samples) -> {
				int negotiated = this.negotiatedSessionMillis.get(session);
				Summary summary = Summary.of(samples);
				table.row(negotiated, pingInterval(Duration.ofMillis(negotiated)), summary.n(),
						MarkdownTable.fixed(summary.min(), 0), MarkdownTable.fixed(summary.median(), 0),
						MarkdownTable.fixed(summary.max(), 0), MarkdownTable.fixed(summary.min() / negotiated, 2),
						MarkdownTable.fixed(summary.median() / negotiated, 2),
						MarkdownTable.fixed(summary.max() / negotiated, 2));
			});
			return table.toString();
		}

	}

}
