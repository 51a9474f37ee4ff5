package dev.zkleader.election;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.ZooKeeperInstances;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What no peer offers: fencing tokens, revocation that stops running work,
 * drain-then-handover and named elections, each against a real ZooKeeper server.
 */
@ExtendWith(OutputCaptureExtension.class)
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

	// Two instances, and which one leads.
	private Two startTwo(String... properties) {
		TestInstance a = start("a", properties);
		TestInstance b = start("b", properties);
		TestInstance leader = awaitLeader(List.of(a, b));
		return new Two(leader, (leader == a) ? b : a);
	}

	private record Two(TestInstance leader, TestInstance follower) {
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

	// An operator's delete: a revocation that, unlike a yield or shutdown, does not
	// drain.
	private static void deleteNodeOf(TestInstance leader) throws Exception {
		leader.client().delete().forPath(LeaseTestSupport.confirmation(leader).path());
	}

	@Test
	void revocationInterruptsRunningLeaderOnlyWorkAndClearsTheInterruptAfterwards() throws Exception {
		List<Class<?>> work = List.of(NestedWorkConfiguration.class);
		TestInstance a = start("a", work);
		TestInstance b = start("b", work);
		TestInstance leader = awaitLeader(List.of(a, b));
		InnerWork interruptible = leader.context().getBean(InnerWork.class);
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			Future<String> run = caller.submit(interruptible::run);
			assertThat(interruptible.started().await(30, TimeUnit.SECONDS)).isTrue();
			deleteNodeOf(leader);
			// The method restored the interrupt flag before it returned, as it should.
			assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("interrupted");
			// Running calls are interrupted before the revoked event goes out.
			await().atMost(PATIENCE).until(() -> !leader.revocations().isEmpty());
			assertThat(leader.revocations()).containsExactly(RevocationReason.NODE_DELETED);
			assertThat(leader.leadership().isLeader()).isFalse();
			// The interrupt was meant for that call only: the gate cleared it afterwards.
			assertThat(caller.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
		}
		finally {
			caller.shutdownNow();
		}
	}

	@Test
	void workThatIgnoresTheInterruptStillSeesTheLossAtOnce() throws Exception {
		TestInstance a = start("a");
		TestInstance b = start("b");
		TestInstance leader = awaitLeader(List.of(a, b));
		CompletableFuture<String> run = runLongWork(leader, true);
		assertThat(leader.longWork().awaitStarted()).isTrue();
		deleteNodeOf(leader);
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("lost leadership");
	}

	@Test
	void interruptOnRevokeCanBeSwitchedOff() throws Exception {
		TestInstance a = start("a", "leader.interrupt-on-revoke=false");
		TestInstance b = start("b", "leader.interrupt-on-revoke=false");
		TestInstance leader = awaitLeader(List.of(a, b));
		CompletableFuture<String> run = runLongWork(leader, true);
		assertThat(leader.longWork().awaitStarted()).isTrue();
		deleteNodeOf(leader);
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("lost leadership");
		assertThat(leader.longWork().interruptedAtEnd()).isFalse();
	}

	@Test
	void yieldDrainsRunningWorkBeforeTheNextLeaderStarts() throws Exception {
		Two two = startTwo();
		TestInstance first = two.leader();
		TestInstance second = two.follower();
		CompletableFuture<String> run = runLongWork(first, false);
		assertThat(first.longWork().awaitStarted()).isTrue();
		CompletableFuture<Boolean> yielding = CompletableFuture.supplyAsync(first.leadership()::yieldLeadership);
		// New calls are refused at once, the running one goes on, nobody else leads yet.
		await().atMost(PATIENCE).until(() -> first.work().run() == null);
		await().during(Duration.ofMillis(700)).atMost(PATIENCE).until(() -> !second.leadership().isLeader());
		assertThat(run).isNotDone();
		assertThat(first.revocations()).isEmpty();
		first.longWork().release();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("released");
		assertThat(yielding.get(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		assertThat(second.work().run()).isNotNull();
		assertThat(second.work().firstRunAt()).isGreaterThan(first.longWork().endedAt());
		assertThat(first.revocations()).containsExactly(RevocationReason.YIELDED);
	}

	@Test
	void revokedListenersFinishBeforeTheNextLeaderIsGranted() throws Exception {
		Two two = startTwo();
		TestInstance first = two.leader();
		TestInstance second = two.follower();
		CountDownLatch listening = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		first.context().addApplicationListener((ApplicationListener<LeadershipRevokedEvent>) (event) -> {
			listening.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
		assertThat(listening.await(30, TimeUnit.SECONDS)).isTrue();
		// The revoked listener still runs (it may be stopping work of its own): the node
		// is still there, nobody else is granted.
		await().during(Duration.ofMillis(700)).atMost(PATIENCE).until(() -> second.granted() == 0);
		release.countDown();
		closing.get(30, TimeUnit.SECONDS);
		await().atMost(PATIENCE).until(() -> second.granted() == 1);
	}

	@Test
	void aNestedCallLeavesAnInterruptMeantForTheOuterCall() throws Exception {
		List<Class<?>> nested = List.of(NestedWorkConfiguration.class);
		TestInstance a = start("a", nested);
		TestInstance b = start("b", nested);
		TestInstance leader = awaitLeader(List.of(a, b));
		OuterWork outer = leader.context().getBean(OuterWork.class);
		CompletableFuture<String> run = CompletableFuture.supplyAsync(outer::run);
		assertThat(outer.started().await(30, TimeUnit.SECONDS)).isTrue();
		deleteNodeOf(leader);
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("inner ended, outer still interrupted");
	}

	@Configuration(proxyBeanMethods = false)
	static class NestedWorkConfiguration {

		@Bean
		InnerWork innerWork() {
			return new InnerWork();
		}

		@Bean
		OuterWork outerWork(InnerWork inner) {
			return new OuterWork(inner);
		}

	}

	/**
	 * Leader-only work that waits, inside an outer leader-only call, to be interrupted.
	 */
	public static class InnerWork {

		final CountDownLatch started = new CountDownLatch(1);

		public CountDownLatch started() {
			return this.started;
		}

		@LeaderOnly
		public @Nullable String run() {
			this.started.countDown();
			try {
				Thread.sleep(30_000);
				return "not interrupted";
			}
			catch (InterruptedException ex) {
				// As much code does: restore the flag and return.
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

	}

	/**
	 * Leader-only work that calls other leader-only work.
	 */
	public static class OuterWork {

		private final InnerWork inner;

		private final CountDownLatch started;

		OuterWork(InnerWork inner) {
			this.inner = inner;
			this.started = inner.started();
		}

		public CountDownLatch started() {
			return this.started;
		}

		@LeaderOnly
		public @Nullable String run() {
			this.inner.run();
			return Thread.currentThread().isInterrupted() ? "inner ended, outer still interrupted"
					: "inner ended, interrupt lost";
		}

	}

	@Test
	void shutdownDrainsRunningWorkBeforeTheNextLeaderStarts() throws Exception {
		Two two = startTwo();
		TestInstance first = two.leader();
		TestInstance second = two.follower();
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
	void drainTimeoutInterruptsWorkThatWouldNotFinish(CapturedOutput output) throws Exception {
		Two two = startTwo("leader.shutdown.drain-timeout=300ms");
		TestInstance first = two.leader();
		TestInstance second = two.follower();
		CompletableFuture<String> run = runLongWork(first, false);
		assertThat(first.longWork().awaitStarted()).isTrue();
		long closing = System.nanoTime();
		first.close();
		assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("interrupted");
		// Well under the default drain timeout of 10 s: the configured 300 ms applied.
		assertThat(Duration.ofNanos(first.longWork().endedAt() - closing)).isLessThan(Duration.ofSeconds(5));
		assertThat(output).contains(
				"1 leader-only call(s) of election 'default' still running after the drain " + "timeout of 300 ms");
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		assertThat(second.work().run()).isNotNull();
		assertThat(second.work().firstRunAt()).isGreaterThan(first.longWork().endedAt());
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
		// A sibling of the default election's path, never inside it.
		assertThat(reportsLeader.client().checkExists().forPath(zookeeper.path() + ".reports")).isNotNull();
		assertThat(reportsLeader.client().checkExists().forPath(zookeeper.path() + "/reports")).isNull();
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

}
