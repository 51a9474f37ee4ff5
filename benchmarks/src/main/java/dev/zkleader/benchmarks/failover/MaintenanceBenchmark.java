package dev.zkleader.benchmarks.failover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import dev.zkleader.benchmarks.failover.MaintenanceResult.Scenario;
import dev.zkleader.benchmarks.failover.MaintenanceResult.Segment;
import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.support.BenchmarkZooKeeper;
import dev.zkleader.benchmarks.support.EpochMicros;
import dev.zkleader.harness.net.TcpProxy;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * ZooKeeper maintenance: what an operator's routine work on a 3-node ensemble does to the
 * elections of every contender, side by side on one ensemble, each contender with its own
 * election and participant processes, all running the same leader-only job.
 * <p>
 * First rolling restarts (followers first, the ensemble's leader last), then single
 * restarts of a follower and of the ensemble's leader in turn; the sessions survive them
 * all, so every revocation they cause is one of a healthy leader. Last, each election's
 * leader loses its connection to every member for longer than the session (each
 * participant reaches each member through a proxy of its own, and the leader's proxies
 * hold every byte back): its session expires, and another participant must lead. Every
 * disturbance is a window of its own, which ends once every election has one leader again
 * and all its participants' nodes, and a quiet time has passed.
 */
public final class MaintenanceBenchmark {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

	private MaintenanceBenchmark() {
	}

	public static MaintenanceResult run(ChildProcesses children, Path logs, Path dir, Settings settings,
			PrintStream progress) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Random random = new Random(settings.seed());
		Map<Contender, ElectionHistory> histories = new EnumMap<>(Contender.class);
		Map<Contender, ParticipantFleet.Group> groups = new EnumMap<>(Contender.class);
		Map<Contender, Integer> sessions = new EnumMap<>(Contender.class);
		Map<ParticipantProcess, List<TcpProxy>> proxies = new HashMap<>();
		List<Segment> segments = new ArrayList<>();
		try (ZooKeeperEnsemble ensemble = BenchmarkZooKeeper.startEnsemble(children, dir);
				ParticipantFleet fleet = new ParticipantFleet(children, logs, ensemble.connectString())) {
			progress.println("  ensemble serving on " + ensemble.connectString());
			settings.contenders().forEach((contender) -> histories.put(contender, new ElectionHistory()));
			fleet.listen(
					(participant, report) -> histories.get(participant.contender()).record(participant.name(), report));
			List<String> job = List.of("--job-period-ms=" + settings.jobPeriod().toMillis(),
					"--job-work-ms=" + settings.jobWork().toMillis());
			for (Contender contender : settings.contenders()) {
				ParticipantFleet.Group group = fleet.group(contender,
						"/benchmarks/maintenance/" + contender.name().toLowerCase(Locale.ROOT),
						settings.sessionTimeout());
				groups.put(contender, group);
				for (int i = 0; i < settings.participants(); i++) {
					List<TcpProxy> own = new ArrayList<>();
					for (ZooKeeperServer member : ensemble.members()) {
						own.add(new TcpProxy(contender.shortName() + "-" + i + "-zk" + member.id(),
								member.clientPort()));
					}
					String connect = own.stream().map(TcpProxy::connectString).collect(Collectors.joining(","));
					proxies.put(group.launch(connect, job), own);
				}
			}
			Settler settler = new Settler(fleet, groups, histories, settings);
			settler.settle(START_TIMEOUT);
			groups.forEach((contender, group) -> sessions.put(contender,
					fleet.read(() -> group.members().get(0).sessionTimeoutMillis)));
			progress.println("  " + groups.size() * settings.participants() + " participants ready: " + sessions);
			for (int r = 1; r <= settings.rollingRestarts(); r++) {
				ZooKeeperServer ensembleLeader = ensemble.awaitLeader();
				long[] from = { EpochMicros.now() };
				int round = r;
				ensemble.rollingRestart((member) -> {
					settler.settle(SETTLE_TIMEOUT);
					Scenario scenario = (member == ensembleLeader) ? Scenario.ROLLING_LEADER
							: Scenario.ROLLING_FOLLOWER;
					segments.add(new Segment(scenario, from[0], EpochMicros.now()));
					progress.printf(Locale.ROOT, "  rolling restart %d/%d: member %d (%s) restarted%n", round,
							settings.rollingRestarts(), member.id(), scenario.title());
					from[0] = EpochMicros.now();
				});
			}
			for (int m = 1; m <= settings.singleRestarts(); m++) {
				boolean leader = m % 2 == 0;
				List<ZooKeeperServer> followers = ensemble.followers();
				ZooKeeperServer member = leader ? ensemble.awaitLeader()
						: followers.get(random.nextInt(followers.size()));
				long from = EpochMicros.now();
				member.restart();
				settler.settle(SETTLE_TIMEOUT);
				Scenario scenario = leader ? Scenario.SINGLE_LEADER : Scenario.SINGLE_FOLLOWER;
				segments.add(new Segment(scenario, from, EpochMicros.now()));
				progress.printf(Locale.ROOT, "  single restart %d/%d: member %d (%s)%n", m, settings.singleRestarts(),
						member.id(), scenario.title());
			}
			List<TcpProxy> cut = new ArrayList<>();
			for (ParticipantFleet.Group group : groups.values()) {
				ParticipantProcess leader = fleet.read(() -> settler.leaderOf(group));
				cut.addAll(proxies.get(leader));
			}
			long from = EpochMicros.now();
			cut.forEach(TcpProxy::cut);
			progress.printf(Locale.ROOT, "  every election's leader cut off for %d s%n", settings.cut().toSeconds());
			Pause.of(settings.cut());
			cut.forEach(TcpProxy::restore);
			settler.settle(SETTLE_TIMEOUT);
			segments.add(new Segment(Scenario.CUT, from, EpochMicros.now()));
			groups.values().forEach(ParticipantFleet.Group::exitAll);
			Map<Contender, List<ElectionHistory.Window>> windows = new EnumMap<>(Contender.class);
			fleet.update(() -> histories.forEach((contender, history) -> windows.put(contender,
					segments.stream().map((segment) -> history.window(segment.from(), segment.to())).toList())));
			return new MaintenanceResult(settings, segments, windows, sessions,
					Duration.ofNanos(System.nanoTime() - started));
		}
		finally {
			proxies.values().forEach((own) -> own.forEach(MaintenanceBenchmark::close));
		}
	}

	private static void close(TcpProxy proxy) {
		try {
			proxy.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	/**
	 * How the benchmark runs.
	 *
	 * @param participants participant processes per contender
	 * @param rollingRestarts rolling restarts of the whole ensemble (N)
	 * @param singleRestarts restarts of one member, a follower and the leader in turn (M)
	 * @param sessionTimeout the session timeout every participant requests
	 * @param cut how long the leaders' connections are cut, longer than the session
	 * @param quiet how long a window lasts after everything settled again
	 * @param jobPeriod the pause between two runs of the job
	 * @param jobWork how long one run of the job works
	 * @param seed seeds the choice of the follower restarted
	 * @param contenders the contenders, each in its own election
	 */
	public record Settings(int participants, int rollingRestarts, int singleRestarts, Duration sessionTimeout,
			Duration cut, Duration quiet, Duration jobPeriod, Duration jobWork, long seed, List<Contender> contenders) {

	}

}
