package dev.zkleader.election;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.ZooKeeperInstances;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What no peer offers: fencing tokens, revocation that stops running work,
 * drain-then-handover, named elections and pause awareness, each against a real ZooKeeper
 * server.
 */
class LeaderSafetyIntegrationTests {

	private static final Duration PATIENCE = ZooKeeperInstances.PATIENCE;

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/safety");

	private TestInstance start(String id, String... properties) {
		return zookeeper.start(id, properties);
	}

	private TestInstance start(String id, List<Class<?>> configurations, String... properties) {
		return zookeeper.start(id, configurations, properties);
	}

	private TestInstance awaitLeader(List<TestInstance> candidates) {
		await().atMost(PATIENCE)
			.until(() -> candidates.stream()
				.filter((instance) -> instance.isRunning() && instance.leadership().isLeader())
				.count() == 1);
		return candidates.stream()
			.filter((instance) -> instance.isRunning() && instance.leadership().isLeader())
			.findFirst()
			.orElseThrow();
	}

	private static CompletableFuture<String> runLongWork(TestInstance instance, boolean ignoreInterrupts) {
		return CompletableFuture.supplyAsync(() -> instance.longWork().run(ignoreInterrupts));
	}

	@Test
	void fencingTokenIsTheCzxidOfTheLeadersNodeAndGrowsWithEveryLeadership() throws Exception {
		TestInstance a = start("a");
		TestInstance b = start("b");
		TestInstance first = awaitLeader(List.of(a, b));
		long token = first.leadership().fencingToken().orElseThrow();
		assertThat(token).isEqualTo(czxidOfNodeOf(first));
		assertThat(first.events()).last()
			.isInstanceOf(LeadershipGrantedEvent.class)
			.extracting(LeadershipEvent::getFencingToken)
			.isEqualTo(token);
		CompletableFuture<String> run = runLongWork(first, false);
		assertThat(first.longWork().awaitStarted()).isTrue();
		assertThat(first.longWork().token()).isEqualTo(token);
		first.longWork().release();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("released");
		TestInstance second = (first == a) ? b : a;
		assertThat(second.leadership().fencingToken()).isEmpty();
		first.close();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		assertThat(second.leadership().fencingToken().orElseThrow()).isGreaterThan(token);
		assertThat(first.events()).last().extracting(LeadershipEvent::getFencingToken).isEqualTo(token);
	}

	private long czxidOfNodeOf(TestInstance instance) throws Exception {
		for (String child : instance.client().getChildren().forPath(zookeeper.path())) {
			String node = zookeeper.path() + "/" + child;
			if (instance.leadership().participantId().equals(new String(instance.client().getData().forPath(node)))) {
				Stat stat = instance.client().checkExists().forPath(node);
				return stat.getCzxid();
			}
		}
		throw new IllegalStateException("No latch node of " + instance);
	}

	@Test
	void revocationInterruptsRunningLeaderOnlyWorkAndClearsTheInterruptAfterwards() throws Exception {
		TestInstance a = start("a");
		TestInstance b = start("b");
		TestInstance leader = awaitLeader(List.of(a, b));
		CompletableFuture<String> run = runLongWork(leader, false);
		assertThat(leader.longWork().awaitStarted()).isTrue();
		assertThat(leader.leadership().yieldLeadership()).isTrue();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("interrupted");
		assertThat(leader.revocations()).containsExactly(RevocationReason.YIELDED);
		assertThat(leader.leadership().isLeader()).isFalse();
	}

	@Test
	void workThatIgnoresTheInterruptStillSeesTheLossAtOnce() throws Exception {
		TestInstance a = start("a");
		TestInstance b = start("b");
		TestInstance leader = awaitLeader(List.of(a, b));
		CompletableFuture<String> run = runLongWork(leader, true);
		assertThat(leader.longWork().awaitStarted()).isTrue();
		leader.leadership().yieldLeadership();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("lost leadership");
	}

	@Test
	void interruptOnRevokeCanBeSwitchedOff() throws Exception {
		TestInstance a = start("a", "leader.interrupt-on-revoke=false");
		TestInstance b = start("b", "leader.interrupt-on-revoke=false");
		TestInstance leader = awaitLeader(List.of(a, b));
		CompletableFuture<String> run = runLongWork(leader, true);
		assertThat(leader.longWork().awaitStarted()).isTrue();
		leader.leadership().yieldLeadership();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("lost leadership");
		assertThat(leader.longWork().interruptedAtEnd()).isFalse();
	}

	@Test
	void shutdownDrainsRunningWorkBeforeTheNextLeaderStarts() throws Exception {
		TestInstance a = start("a");
		TestInstance b = start("b");
		TestInstance first = awaitLeader(List.of(a, b));
		TestInstance second = (first == a) ? b : a;
		CompletableFuture<String> run = runLongWork(first, false);
		assertThat(first.longWork().awaitStarted()).isTrue();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
		CompletableFuture<Void> nextLeaderWork = CompletableFuture.runAsync(() -> {
			while (second.work().runs() == 0) {
				second.work().run();
				Thread.onSpinWait();
			}
		});
		// The old leader still works: the next one must not lead yet.
		await().during(Duration.ofMillis(700)).atMost(PATIENCE).until(() -> !second.leadership().isLeader());
		first.longWork().release();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("released");
		closing.get(30, TimeUnit.SECONDS);
		nextLeaderWork.get(30, TimeUnit.SECONDS);
		assertThat(second.work().firstRunAt()).isGreaterThan(first.longWork().endedAt());
		assertThat(first.revocations()).containsExactly(RevocationReason.SHUTDOWN);
	}

	@Test
	void drainTimeoutInterruptsWorkThatWouldNotFinish() throws Exception {
		TestInstance a = start("a", "leader.shutdown.drain-timeout=300ms");
		TestInstance b = start("b", "leader.shutdown.drain-timeout=300ms");
		TestInstance first = awaitLeader(List.of(a, b));
		TestInstance second = (first == a) ? b : a;
		CompletableFuture<String> run = runLongWork(first, false);
		assertThat(first.longWork().awaitStarted()).isTrue();
		first.close();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("interrupted");
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
	}

	@Test
	void namedElectionsHaveTheirOwnLeaderEventsAndTokens() throws Exception {
		List<Class<?>> reports = List.of(TestInstance.ReportsConfiguration.class);
		TestInstance a = start("a", reports, "leader.elections.reports.participant-id=a-reports");
		TestInstance b = start("b", reports, "leader.elections.reports.participant-id=b-reports");
		awaitLeader(List.of(a, b));
		await().atMost(PATIENCE)
			.until(() -> zookeeper.instances()
				.stream()
				.filter((instance) -> reports(instance).isLeader())
				.count() == 1);
		TestInstance reportsLeader = zookeeper.instances()
			.stream()
			.filter((instance) -> reports(instance).isLeader())
			.findFirst()
			.get();
		TestInstance other = (reportsLeader == a) ? b : a;
		assertThat(reportsLeader.reportsWork().run()).isEqualTo("reports");
		assertThat(other.reportsWork().run()).isNull();
		assertThat(reports(reportsLeader).participantId()).endsWith("-reports");
		assertThat(reports(other).participants()).hasSize(2).first().isEqualTo(reports(reportsLeader).participantId());
		assertThat(reportsLeader.client().checkExists().forPath(zookeeper.path() + ".reports")).isNotNull();
		// The named election's node is no participant of the default one.
		assertThat(a.leadership().participants()).containsExactlyInAnyOrder("a", "b");
		assertThat(reportsLeader.allEvents()).anySatisfy((event) -> {
			assertThat(event.getElection()).isEqualTo("reports");
			assertThat(event.getFencingToken()).isEqualTo(reports(reportsLeader).fencingToken().orElseThrow());
		});
		TestInstance defaultLeader = awaitLeader(List.of(a, b));
		assertThat(reports(reportsLeader).yieldLeadership()).isTrue();
		await().atMost(PATIENCE).until(() -> reports(other).isLeader());
		assertThat(defaultLeader.leadership().isLeader()).isTrue();
		assertThat(a.elections().names()).containsExactlyInAnyOrder(LeaderElections.DEFAULT, "reports");
	}

	private static Leadership reports(TestInstance instance) {
		return instance.elections().get("reports");
	}

	@Test
	void aPauseMakesLeadershipSuspectUntilZooKeeperConfirmsIt() throws Exception {
		TestInstance instance = start("a", List.of(ManualPauseDetectorConfiguration.class));
		await().atMost(PATIENCE).until(() -> instance.leadership().isLeader());
		assertThat(instance.work().run()).isNotNull();
		PauseDetector detector = instance.context().getBean(PauseDetector.class);
		// As if the JVM had stood still for 5 s: the ticker is overdue, nothing may run.
		ManualPauseDetectorConfiguration.clock.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(instance.leadership().isLeader()).isFalse();
		assertThat(instance.work().run()).isNull();
		// The ticker notices and asks ZooKeeper, which confirms the leadership.
		detector.tick();
		await().atMost(PATIENCE).until(() -> instance.leadership().isLeader());
		assertThat(instance.work().run()).isNotNull();
		assertThat(instance.revocations()).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class ManualPauseDetectorConfiguration {

		static final AtomicLong clock = new AtomicLong(System.nanoTime());

		@Bean
		PauseDetector pauseDetector() {
			return new PauseDetector(Duration.ofSeconds(1), clock::get, false);
		}

	}

}
