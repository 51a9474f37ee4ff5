package dev.zkleader.election;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.gate.LeaderWorkRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Balancing of named elections on a real ZooKeeper server: leaderships spread evenly,
 * follow instances that join and leave, and move only in graceful, draining handovers.
 */
class BalancingIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final List<String> ELECTIONS = IntStream.rangeClosed(1, 6).mapToObj((i) -> "job-" + i).toList();

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/balancing");

	private final List<Worker> workers = new ArrayList<>();

	@AfterEach
	void stopWorkers() {
		this.workers.forEach(Worker::close);
	}

	private TestInstance start(String id) {
		List<String> properties = new ArrayList<>(List.of("leader.balance.enabled=true",
				"leader.balance.settle-delay=200ms", "leader.balance.min-tenure=0s"));
		ELECTIONS.forEach((name) -> properties.add("leader.elections." + name + ".balance=true"));
		TestInstance instance = zookeeper.start(id, properties.toArray(String[]::new));
		this.workers.add(new Worker(instance));
		return instance;
	}

	private static int leaderships(TestInstance instance) {
		return (int) ELECTIONS.stream().filter((name) -> instance.elections().get(name).isLeader()).count();
	}

	private Map<String, Integer> spread() {
		Map<String, Integer> spread = new TreeMap<>();
		zookeeper.instances()
			.stream()
			.filter(TestInstance::isRunning)
			.forEach((instance) -> spread.put(instance.id(), leaderships(instance)));
		return spread;
	}

	// Returns System.nanoTime() when the spread was first reached.
	private long awaitSpread(List<Integer> counts) {
		await().pollInterval(Duration.ofMillis(10))
			.atMost(PATIENCE)
			.until(() -> spread().values().stream().sorted(Comparator.reverseOrder()).toList().equals(counts));
		long reached = System.nanoTime();
		// Settled: it stays so, nothing ping-pongs.
		await().during(Duration.ofSeconds(2))
			.atMost(PATIENCE)
			.until(() -> spread().values().stream().sorted(Comparator.reverseOrder()).toList().equals(counts));
		return reached;
	}

	@Test
	void leadershipsSpreadAcrossInstancesFollowJoinsAndLeavesAndNeverOverlap() {
		TestInstance first = start("a");
		await().atMost(PATIENCE).until(() -> leaderships(first) == ELECTIONS.size());
		long starting = System.nanoTime();
		start("b");
		start("c");
		long balanced = awaitSpread(List.of(2, 2, 2));
		System.out.println(
				"MEASURED 6 elections spread 2-2-2 over 3 instances " + Duration.ofNanos(balanced - starting).toMillis()
						+ " ms after the second and third started " + "(settle delay 200 ms)");
		assertThat(zookeeper.instances()).allSatisfy((instance) -> assertThat(instance.allEvents()
			.stream()
			.filter(LeadershipRevokedEvent.class::isInstance)
			.map((event) -> ((LeadershipRevokedEvent) event).getReason())).allMatch(RevocationReason.YIELDED::equals));
		// Four moves take 6-0-0 to 2-2-2; one more at most, from views read a moment
		// apart.
		assertThat(yields()).isBetween(4L, 5L);

		// A fourth instance takes its share.
		long joining = System.nanoTime();
		TestInstance fourth = start("d");
		System.out.println("MEASURED a fourth instance had its share "
				+ Duration.ofNanos(awaitSpread(List.of(2, 2, 1, 1)) - joining).toMillis() + " ms after it started");
		assertThat(leaderships(fourth)).isPositive();

		// One leaves: its leaderships are handed over, and the rest rebalance.
		TestInstance leaving = zookeeper.instances()
			.stream()
			.filter((instance) -> leaderships(instance) == 2)
			.findFirst()
			.orElseThrow();
		long leavingAt = System.nanoTime();
		leaving.close();
		System.out.println(
				"MEASURED rebalanced 2-2-2 " + Duration.ofNanos(awaitSpread(List.of(2, 2, 2)) - leavingAt).toMillis()
						+ " ms after one of four left");
		printHandoverGaps();
		this.workers.forEach(Worker::close);
		assertNoOverlaps();
	}

	private long yields() {
		return zookeeper.instances()
			.stream()
			.flatMap((instance) -> instance.allEvents().stream())
			.filter((event) -> event instanceof LeadershipRevokedEvent revoked
					&& revoked.getReason() == RevocationReason.YIELDED)
			.count();
	}

	// From each yield's revoked event to the next granted event of that election.
	private void printHandoverGaps() {
		List<LeadershipEvent> events = zookeeper.instances()
			.stream()
			.flatMap((instance) -> instance.allEvents().stream())
			.sorted(Comparator.comparing(LeadershipEvent::getTime))
			.toList();
		List<Long> gaps = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			if (events.get(i) instanceof LeadershipRevokedEvent revoked
					&& revoked.getReason() == RevocationReason.YIELDED) {
				events.stream()
					.skip(i + 1)
					.filter((event) -> event instanceof LeadershipGrantedEvent
							&& event.getElection().equals(revoked.getElection()))
					.findFirst()
					.ifPresent((granted) -> gaps
						.add(Duration.between(revoked.getTime(), granted.getTime()).toNanos() / 1000));
			}
		}
		gaps.sort(null);
		System.out.println("MEASURED balancing yields " + gaps.size() + ", handover gap (revoked to granted) "
				+ "microseconds: min " + gaps.get(0) + ", median " + gaps.get(gaps.size() / 2) + ", max "
				+ gaps.get(gaps.size() - 1));
	}

	private void assertNoOverlaps() {
		for (String election : ELECTIONS) {
			List<Run> runs = this.workers.stream()
				.flatMap((worker) -> worker.runs.stream())
				.filter((run) -> run.election().equals(election))
				.sorted(Comparator.comparingLong(Run::start))
				.toList();
			assertThat(runs).isNotEmpty();
			for (int i = 1; i < runs.size(); i++) {
				Run previous = runs.get(i - 1);
				Run next = runs.get(i);
				if (!previous.instance().equals(next.instance())) {
					assertThat(next.start()).as("%s: %s started while %s still ran", election, next, previous)
						.isGreaterThan(previous.end());
				}
			}
		}
	}

	record Run(String instance, String election, long start, long end) {
	}

	/**
	 * Runs each election's leader-only work through the gate, over and over, recording
	 * every run.
	 */
	static final class Worker implements AutoCloseable {

		final List<Run> runs = new CopyOnWriteArrayList<>();

		private final ExecutorService executor = Executors.newSingleThreadExecutor();

		private volatile boolean stopped;

		Worker(TestInstance instance) {
			ElectionRegistry registry = instance.context().getBean(ElectionRegistry.class);
			this.executor.execute(() -> {
				while (!this.stopped && instance.isRunning()) {
					for (String election : ELECTIONS) {
						work(instance, registry, election);
					}
				}
			});
		}

		private void work(TestInstance instance, ElectionRegistry registry, String election) {
			LeaderWorkRun run = registry.begin(election);
			if (run == null) {
				return;
			}
			long start = System.nanoTime();
			try {
				TimeUnit.MICROSECONDS.sleep(500);
			}
			catch (InterruptedException ex) {
				// Revoked: the run ends here.
			}
			finally {
				this.runs.add(new Run(instance.id(), election, start, System.nanoTime()));
				run.end();
			}
		}

		@Override
		public void close() {
			this.stopped = true;
			this.executor.shutdown();
			try {
				this.executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
