package dev.zkleader.benchmarks.failover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.participant.Protocol;
import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.Summary;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.time.Pause;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * Graceful handover: the leader shuts down normally; the time from the start of its
 * shutdown to the next participant's grant, for the three contenders against one
 * ZooKeeper server in one run.
 * <p>
 * Each contender has its own election with the same number of participants, each a JVM
 * process. A round stops the leader of every contender once, in a fresh random order,
 * each after a random pause (so that stops do not lock onto the clients' ping cycle), and
 * only when every participant of that contender has joined and no other stop is under
 * way: a rejoining participant's start-up work never overlaps a measurement. The stopped
 * leader's JVM stays up and joins again as a fresh instance (new client, new session, new
 * application context) at the back of the queue, as in a rolling restart; that spares
 * this 2-core machine a JVM start per sample.
 */
public final class HandoverBenchmark {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

	private HandoverBenchmark() {
	}

	public static Result run(ChildProcesses children, Path logs, ZooKeeperServer server, Settings settings,
			PrintStream progress) throws IOException, InterruptedException {
		long started = System.nanoTime();
		Random random = new Random(settings.seed());
		Map<Contender, List<Double>> latencies = new EnumMap<>(Contender.class);
		Map<Contender, List<Double>> shutdowns = new EnumMap<>(Contender.class);
		Map<Contender, Map<Phase, List<Double>>> phases = new EnumMap<>(Contender.class);
		Map<Contender, Integer> sessions = new EnumMap<>(Contender.class);
		int extraGrants = 0;
		try (ParticipantFleet fleet = new ParticipantFleet(children, logs, server.connectString())) {
			Map<Contender, ParticipantFleet.Group> groups = new EnumMap<>(Contender.class);
			for (Contender contender : settings.contenders()) {
				groups.put(contender,
						fleet.group(contender, "/benchmarks/handover/" + contender.name().toLowerCase(Locale.ROOT),
								settings.sessionTimeout()));
				latencies.put(contender, new ArrayList<>());
				shutdowns.put(contender, new ArrayList<>());
				phases.put(contender, new EnumMap<>(Phase.class));
			}
			// Interleaved launches, so that no contender's queue forms while others still
			// start.
			for (int i = 0; i < settings.participants(); i++) {
				for (ParticipantFleet.Group group : groups.values()) {
					group.launch();
				}
			}
			progress.printf("  started %d participant JVMs; waiting until all have joined...%n",
					settings.participants() * groups.size());
			for (ParticipantFleet.Group group : groups.values()) {
				group.awaitSettled(settings.participants(), START_TIMEOUT);
				sessions.put(group.contender(), fleet.read(() -> group.members().get(0).sessionTimeoutMillis));
			}
			List<Contender> order = new ArrayList<>(settings.contenders());
			int total = settings.warmupRounds() + settings.rounds();
			for (int round = 0; round < total; round++) {
				Collections.shuffle(order, random);
				boolean warmup = round < settings.warmupRounds();
				StringBuilder line = new StringBuilder();
				for (Contender contender : order) {
					ParticipantFleet.Group group = groups.get(contender);
					group.awaitSettled(settings.participants(), STEP_TIMEOUT);
					long pause = settings.minimumPause().toMillis()
							+ (long) (random.nextDouble() * settings.pauseSpread().toMillis());
					Pause.millis(pause);
					Handover handover = handOver(fleet, group);
					extraGrants += handover.extraGrants();
					if (!warmup) {
						latencies.get(contender).add(handover.latencyMicros() / 1000.0);
						shutdowns.get(contender).add(handover.shutdownMicros() / 1000.0);
						handover.phases()
							.forEach((phase, micros) -> phases.get(contender)
								.computeIfAbsent(phase, (key) -> new ArrayList<>())
								.add(micros / 1000.0));
					}
					line.append(String.format(Locale.ROOT, " %s %.1f ms", contender.shortName(),
							handover.latencyMicros() / 1000.0));
				}
				if (warmup || (round - settings.warmupRounds() + 1) % 10 == 0 || round == total - 1) {
					progress.printf("  round %d/%d%s:%s%n", round + 1, total, warmup ? " (warm-up)" : "", line);
				}
			}
			for (ParticipantFleet.Group group : groups.values()) {
				group.exitAll();
			}
		}
		return new Result(settings, latencies, shutdowns, phases, sessions, extraGrants,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static Handover handOver(ParticipantFleet fleet, ParticipantFleet.Group group) throws IOException {
		ParticipantProcess leader = fleet.read(group::leader);
		if (leader == null) {
			throw new IllegalStateException("No leader among the " + group.contender() + " participants");
		}
		List<ParticipantProcess> others = fleet
			.read(() -> group.members().stream().filter((member) -> member != leader).toList());
		Map<ParticipantProcess, Integer> grantsBefore = fleet.read(() -> {
			Map<ParticipantProcess, Integer> grants = new HashMap<>();
			others.forEach((other) -> grants.put(other, other.grants));
			return grants;
		});
		int stopsBefore = fleet.read(() -> leader.stops);
		fleet.update(() -> leader.ready = false);
		leader.send(Protocol.STOP);
		fleet.await(leader + " to stop and another participant to lead",
				() -> leader.stops > stopsBefore && others.stream().anyMatch((o) -> o.grants > grantsBefore.get(o)),
				STEP_TIMEOUT);
		// Let any second grant (there must be none) arrive before counting.
		fleet.await(leader + " to rejoin", () -> leader.ready, STEP_TIMEOUT);
		return fleet.read(() -> {
			List<ParticipantProcess> newLeaders = others.stream()
				.filter((other) -> other.grants > grantsBefore.get(other))
				.toList();
			ParticipantProcess next = newLeaders.get(0);
			long extra = newLeaders.stream().mapToLong((other) -> other.grants - grantsBefore.get(other)).sum() - 1;
			long stop = leader.lastStopStartMicros;
			long granted = next.lastGrantMicros;
			Map<Phase, Long> phases = new EnumMap<>(Phase.class);
			long deleteSent = leader.lastDeleteSentMicros;
			long childrenRead = next.lastChildrenReadMicros;
			// A stamp counts only when it belongs to this handover: without a delete sent
			// after the stop began, the node went with the closed session.
			since(phases, Phase.LEADER_CONTEXT_CLOSED, stop, leader.lastContextClosedMicros, granted);
			since(phases, Phase.LEADER_LOGGED, stop, leader.lastRevokeLoggedMicros, granted);
			since(phases, Phase.LEADER_PUBLISHED, stop, leader.lastRevokePublishedMicros, granted);
			since(phases, Phase.LEADER_DELETE_SENT, stop, deleteSent, granted);
			if (deleteSent >= stop) {
				since(phases, Phase.ZOOKEEPER, deleteSent, childrenRead, granted);
			}
			if (childrenRead >= stop) {
				since(phases, Phase.NEXT_OWN_NODE_READ, childrenRead, next.lastDataReadMicros, granted);
				since(phases, Phase.NEXT_LOGGED, childrenRead, next.lastGrantLoggedMicros, granted);
				since(phases, Phase.NEXT_PUBLISHED, childrenRead, next.lastGrantPublishedMicros, granted);
				since(phases, Phase.NEXT_GRANTED, childrenRead, granted, granted);
			}
			return new Handover(granted - stop, leader.lastStopEndMicros - stop, phases, (int) extra);
		});
	}

	private static void since(Map<Phase, Long> phases, Phase phase, long from, long to, long granted) {
		if (from > 0 && to >= from && to <= granted) {
			phases.put(phase, to - from);
		}
	}

	private record Handover(long latencyMicros, long shutdownMicros, Map<Phase, Long> phases, int extraGrants) {

	}

	/**
	 * The stamps inside a handover, taken in the participants: on the leader from the
	 * start of its shutdown (its starter logging the revocation, publishing the revoked
	 * event, its Curator client sending the delete of its node); in ZooKeeper from that
	 * delete to the next participant's client receiving the children list that puts it
	 * first; on the next participant from that list (its own node's data read back, its
	 * starter logging the grant, the grant event handed to Spring, the grant callback or
	 * event arriving).
	 */
	public enum Phase {

		/**
		 * Leader: shutdown start → the context publishes its closed event (Spring
		 * contenders).
		 */
		LEADER_CONTEXT_CLOSED("→ ContextClosedEvent"),

		/**
		 * Leader: shutdown start → the starter logs the revocation.
		 */
		LEADER_LOGGED("→ revocation logged"),

		/**
		 * Leader: shutdown start → revoked event published.
		 */
		LEADER_PUBLISHED("→ revoked event published"),

		/**
		 * Leader: shutdown start → delete of its node sent.
		 */
		LEADER_DELETE_SENT("→ delete of its node sent"),

		/**
		 * ZooKeeper and loopback: delete sent → the next participant has the children.
		 */
		ZOOKEEPER("ZooKeeper: delete sent → next has children"),

		/**
		 * Next participant: children received → its own node's data received (Curator's
		 * latch confirms it still owns the first node before it grants).
		 */
		NEXT_OWN_NODE_READ("next: children → own node read"),

		/**
		 * Next participant: children received → the starter logs the grant.
		 */
		NEXT_LOGGED("→ grant logged"),

		/**
		 * Next participant: children received → grant event published.
		 */
		NEXT_PUBLISHED("→ grant event published"),

		/**
		 * Next participant: children received → grant callback or event arrived.
		 */
		NEXT_GRANTED("→ grant received");

		private final String title;

		Phase(String title) {
			this.title = title;
		}

		public String title() {
			return this.title;
		}

	}

	/**
	 * How the benchmark runs.
	 *
	 * @param participants participant processes per contender
	 * @param warmupRounds rounds run first and not counted
	 * @param rounds rounds counted: samples per contender
	 * @param sessionTimeout the session timeout every participant requests
	 * @param minimumPause the shortest pause before a stop
	 * @param pauseSpread the pause is uniform in {@code [minimumPause, minimumPause +
	 * pauseSpread)}
	 * @param seed seeds the order of contenders and the pauses
	 * @param starterArguments more arguments for this starter's participant applications
	 * (for diagnosis, such as a log level; none by default)
	 * @param contenders the contenders, each in its own election
	 */
	public record Settings(int participants, int warmupRounds, int rounds, Duration sessionTimeout,
			Duration minimumPause, Duration pauseSpread, long seed, List<String> starterArguments,
			List<Contender> contenders) {

	}

	/**
	 * The outcome.
	 *
	 * @param settings how it ran
	 * @param latencyMillis per contender, the handover latency of each counted round, in
	 * round order (so index i of two contenders is a pair)
	 * @param shutdownMillis per contender, how long the leader's shutdown call took
	 * @param phases per contender, where the time went: the samples of each phase, from
	 * the handovers where both its ends were seen
	 * @param negotiatedSessionMillis per contender, the negotiated session timeout
	 * @param extraGrants grants beyond the one expected per handover (must be 0)
	 * @param elapsed how long the benchmark took
	 */
	public record Result(Settings settings, Map<Contender, List<Double>> latencyMillis,
			Map<Contender, List<Double>> shutdownMillis, Map<Contender, Map<Phase, List<Double>>> phases,
			Map<Contender, Integer> negotiatedSessionMillis, int extraGrants, Duration elapsed) {

		public Summary summary(Contender contender) {
			return Summary.of(this.latencyMillis.get(contender));
		}

		/**
		 * The median over rounds of one contender's latency divided by another's in the
		 * same round.
		 * @param numerator the contender measured
		 * @param denominator the contender compared with
		 * @return the per-pair median ratio
		 */
		public double pairedMedianRatio(Contender numerator, Contender denominator) {
			List<Double> top = this.latencyMillis.get(numerator);
			List<Double> bottom = this.latencyMillis.get(denominator);
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < top.size(); i++) {
				ratios.add(top.get(i) / bottom.get(i));
			}
			return Summary.median(ratios);
		}

		public double p99Ratio(Contender numerator, Contender denominator) {
			return summary(numerator).p99() / summary(denominator).p99();
		}

		public double medianRatio(Contender numerator, Contender denominator) {
			return summary(numerator).median() / summary(denominator).median();
		}

		public String latencyTable() {
			MarkdownTable table = new MarkdownTable("Contender", "What is timed", ">n", ">min ms", ">median ms",
					">p99 ms", ">max ms", ">shutdown call, median ms");
			for (Contender contender : this.settings.contenders()) {
				Summary summary = summary(contender);
				table.row(contender.title(), timed(contender), summary.n(), MarkdownTable.fixed(summary.min(), 1),
						MarkdownTable.fixed(summary.median(), 1), MarkdownTable.fixed(summary.p99(), 1),
						MarkdownTable.fixed(summary.max(), 1),
						MarkdownTable.fixed(Summary.median(this.shutdownMillis.get(contender)), 1));
			}
			return table.toString();
		}

		/**
		 * The leader's side of the handovers: medians from the start of its shutdown.
		 * @return the table
		 */
		public String leaderPhaseTable() {
			return phaseTable("Leader, from the start of its shutdown", List.of(Phase.LEADER_CONTEXT_CLOSED,
					Phase.LEADER_LOGGED, Phase.LEADER_PUBLISHED, Phase.LEADER_DELETE_SENT));
		}

		/**
		 * ZooKeeper's and the next leader's side: medians from the delete, then from the
		 * children list.
		 * @return the table
		 */
		public String nextPhaseTable() {
			return phaseTable("Next leader", List.of(Phase.ZOOKEEPER, Phase.NEXT_OWN_NODE_READ, Phase.NEXT_LOGGED,
					Phase.NEXT_PUBLISHED, Phase.NEXT_GRANTED));
		}

		private String phaseTable(String title, List<Phase> phases) {
			List<String> columns = new ArrayList<>(List.of(title));
			for (Phase phase : phases) {
				columns.add(">" + phase.title());
			}
			MarkdownTable table = new MarkdownTable(columns.toArray(String[]::new));
			for (Contender contender : this.settings.contenders()) {
				List<Object> row = new ArrayList<>(List.of(contender.title()));
				for (Phase phase : phases) {
					List<Double> samples = this.phases.get(contender).getOrDefault(phase, List.of());
					row.add(samples.isEmpty() ? "–"
							: MarkdownTable.fixed(Summary.median(samples), 2) + " (n=" + samples.size() + ")");
				}
				table.row(row.toArray());
			}
			return table.toString();
		}

		public String ratioTable() {
			MarkdownTable table = new MarkdownTable("Ratio", ">per-pair median", ">ratio of medians", ">p99 ratio");
			List<Contender> contenders = this.settings.contenders();
			for (Contender contender : contenders) {
				if (contender != Contender.RAW && contenders.contains(Contender.RAW)) {
					ratioRow(table, contender, Contender.RAW);
				}
			}
			if (contenders.contains(Contender.STARTER) && contenders.contains(Contender.SPRING_INTEGRATION)) {
				ratioRow(table, Contender.STARTER, Contender.SPRING_INTEGRATION);
			}
			if (contenders.contains(Contender.STARTER) && contenders.contains(Contender.STARTER_QUIET)) {
				ratioRow(table, Contender.STARTER_QUIET, Contender.STARTER);
			}
			return table.toString();
		}

		private void ratioRow(MarkdownTable table, Contender numerator, Contender denominator) {
			table.row(numerator.shortName() + " / " + denominator.shortName(),
					MarkdownTable.fixed(pairedMedianRatio(numerator, denominator), 2),
					MarkdownTable.fixed(medianRatio(numerator, denominator), 2),
					MarkdownTable.fixed(p99Ratio(numerator, denominator), 2));
		}

		private static String timed(Contender contender) {
			return switch (contender) {
				case RAW, RAW_SESSION_POLICY, RAW_LISTENER_THREAD -> "latch.close() → next isLeader()";
				case SPRING_INTEGRATION -> "context.close() → next OnGrantedEvent";
				case STARTER, STARTER_QUIET -> "context.close() → next LeadershipGrantedEvent";
			};
		}

	}

}
