package dev.zkleader.election;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import dev.zkleader.ZooKeeperInstances;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several application instances on one real ZooKeeper server, as in production: one
 * leader, fast handover, and the gate follows leadership.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaderElectionIntegrationTests {

	private static final Duration PATIENCE = ZooKeeperInstances.PATIENCE;

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/test");

	private TestInstance start(String id, String... properties) {
		return zookeeper.start(id, properties);
	}

	private List<TestInstance> leaders() {
		return zookeeper.leaders();
	}

	private TestInstance awaitSingleLeader() {
		return zookeeper.awaitSingleLeader();
	}

	@Test
	void exactlyOneOfThreeInstancesLeads() {
		start("a");
		start("b");
		start("c");
		TestInstance leader = awaitSingleLeader();
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> leaders().equals(List.of(leader)));
		assertThat(zookeeper.instances().stream().mapToLong(TestInstance::granted).sum()).isOne();
		assertThat(leader.granted()).isOne();
		for (TestInstance instance : zookeeper.instances()) {
			assertThat(instance.leadership().leaderId()).contains(leader.id());
			assertThat(instance.leadership().participants()).hasSize(3).first().isEqualTo(leader.id());
		}
		assertThat(leader.leadership().leaderSince()).isPresent();
	}

	@Test
	void closingTheLeaderHandsLeadershipToAnotherInstanceAtOnce() {
		start("a");
		start("b");
		start("c");
		TestInstance first = awaitSingleLeader();
		long closing = System.nanoTime();
		first.close();
		TestInstance second = awaitSingleLeader();
		Duration handover = Duration.ofNanos(System.nanoTime() - closing);
		// The closed leader deleted its node: nobody waited for its 3 s session to
		// expire.
		assertThat(handover).isLessThan(Duration.ofMillis(1500));
		assertThat(second).isNotSameAs(first);
		await().atMost(PATIENCE).until(() -> second.granted() == 1);
		assertThat(first.revocations()).containsExactly(RevocationReason.SHUTDOWN);
		assertThat(second.leadership().participants()).hasSize(2).doesNotContain(first.id());
	}

	@Test
	void leaderOnlyMethodsRunOnlyOnTheLeader() {
		start("a");
		start("b");
		start("c");
		TestInstance leader = awaitSingleLeader();
		for (TestInstance instance : zookeeper.instances()) {
			for (int i = 0; i < 5; i++) {
				Integer classResult = instance.work().run();
				Optional<String> interfaceResult = instance.interfaceWork().run();
				if (instance == leader) {
					assertThat(classResult).isEqualTo(i + 1);
					assertThat(interfaceResult).contains("run " + (i + 1));
				}
				else {
					assertThat(classResult).isNull();
					assertThat(interfaceResult).isEmpty();
				}
			}
		}
		assertThat(zookeeper.instances()).allSatisfy((instance) -> {
			int expected = (instance == leader) ? 5 : 0;
			assertThat(instance.work().runs()).isEqualTo(expected);
			assertThat(instance.interfaceWork().runs()).isEqualTo(expected);
		});
	}

	@Test
	void scheduledLeaderOnlyMethodsRunOnlyOnTheLeaderAndFollowHandover() {
		start("a");
		start("b");
		TestInstance first = awaitSingleLeader();
		TestInstance follower = zookeeper.instances()
			.stream()
			.filter((instance) -> instance != first)
			.findFirst()
			.get();
		await().atMost(PATIENCE).until(() -> first.scheduledWork().runs() >= 3);
		assertThat(follower.scheduledWork().runs()).isZero();
		first.close();
		await().atMost(PATIENCE).until(() -> follower.scheduledWork().runs() >= 3);
	}

	@Test
	void grantedEventIsPublishedBeforeAnyLeaderOnlyMethodRuns() {
		TestInstance leader = start("a");
		TestInstance follower = start("b");
		AtomicInteger attempts = new AtomicInteger();
		// While the granted listener runs, another thread keeps calling the leader-only
		// method: none may run.
		follower.onGranted(() -> {
			int before = attempts.get();
			await().atMost(PATIENCE).until(() -> attempts.get() >= before + 200);
		});
		CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
			while (follower.work().runs() < 10) {
				follower.work().run();
				attempts.incrementAndGet();
			}
		});
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		leader.close();
		caller.orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
		assertThat(follower.granted()).isOne();
		assertThat(follower.work().runsBeforeGrantedEvent()).isZero();
	}

	@Test
	void yieldMovesLeadershipToAnotherInstance() {
		start("a");
		start("b");
		TestInstance first = awaitSingleLeader();
		assertThat(first.leadership().yieldLeadership()).isTrue();
		assertThat(first.leadership().isLeader()).isFalse();
		TestInstance second = awaitSingleLeader();
		assertThat(second).isNotSameAs(first);
		assertThat(first.revocations()).containsExactly(RevocationReason.YIELDED);
		await().atMost(PATIENCE)
			.until(() -> second.leadership().participants(), (ids) -> ids.equals(List.of(second.id(), first.id())));
		assertThat(second.leadership().yieldLeadership()).isTrue();
		await().atMost(PATIENCE).until(() -> leaders().equals(List.of(first)));
		assertThat(second.leadership().yieldLeadership()).isFalse();
	}

	@Test
	void losingZooKeeperEndsLeadershipWithTheLeaseAndOneLeaderReturnsAfterRestart() throws Exception {
		start("a");
		start("b");
		TestInstance leader = awaitSingleLeader();
		zookeeper.server().stop();
		try {
			await().atMost(PATIENCE).until(() -> leader.revocations().contains(RevocationReason.LEASE_EXPIRED));
			assertThat(leaders()).isEmpty();
			assertThat(leader.work().run()).isNull();
		}
		finally {
			zookeeper.server().restart();
		}
		TestInstance newLeader = awaitSingleLeader();
		await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> leaders().equals(List.of(newLeader)));
		await().atMost(PATIENCE).until(() -> newLeader.leadership().participants().size() == 2);
	}

	@Test
	void withTheSuspendedPolicyLeadershipEndsAtOnceAndReturnsWithTheSameSession() throws Exception {
		TestInstance leader = start("a", "leader.connection-loss=suspended", "leader.zookeeper.session-timeout=4s");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		long token = leader.leadership().fencingToken().orElseThrow();
		long stopping = System.nanoTime();
		zookeeper.server().stop();
		try {
			await().atMost(PATIENCE).until(() -> leader.revocations().contains(RevocationReason.CONNECTION_SUSPENDED));
			// The lease alone (2 s here) would have kept it leading for over a second.
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));
			assertThat(leader.work().run()).isNull();
		}
		finally {
			zookeeper.server().restart();
		}
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		// The same session and node: no new latch, the same token.
		assertThat(leader.leadership().fencingToken()).hasValue(token);
		assertThat(leader.revocations()).containsExactly(RevocationReason.CONNECTION_SUSPENDED);
		assertThat(leader.granted()).isEqualTo(2);
	}

	@Test
	void expiredLeaderIsRevokedAndRejoinsWithAFreshLatch() throws Exception {
		start("a");
		start("b");
		TestInstance expired = awaitSingleLeader();
		TestInstance other = zookeeper.instances().stream().filter((instance) -> instance != expired).findFirst().get();
		TestZooKeeper.expireSession(expired.client(), zookeeper.connectString());
		await().atMost(PATIENCE).until(() -> leaders().equals(List.of(other)));
		// Closing the session from another handle also closes this client's connection,
		// so
		// the lease may run out before the client hears that the session is gone.
		assertThat(expired.revocations()).hasSize(1)
			.first()
			.isIn(RevocationReason.CONNECTION_LOST, RevocationReason.NODE_DELETED, RevocationReason.LEASE_EXPIRED);
		await().atMost(PATIENCE)
			.until(() -> other.leadership().participants(), (ids) -> ids.equals(List.of(other.id(), expired.id())));
		other.close();
		await().atMost(PATIENCE).until(() -> leaders().equals(List.of(expired)));
	}

	@Test
	void aListenerThatThrowsAnErrorOnSessionLossDoesNotStopTheRejoin() throws Exception {
		TestInstance failing = start("a");
		await().atMost(PATIENCE).until(() -> failing.leadership().isLeader());
		TestInstance other = start("b");
		failing.context().addApplicationListener((ApplicationListener<LeadershipRevokedEvent>) (event) -> {
			throw new AssertionError("a listener that fails hard");
		});
		TestZooKeeper.expireSession(failing.client(), zookeeper.connectString());
		await().atMost(PATIENCE).until(() -> other.leadership().isLeader());
		// It rejoined with a fresh latch on its new session, behind the new leader.
		await().atMost(PATIENCE)
			.until(() -> other.leadership().participants(), (ids) -> ids.equals(List.of(other.id(), failing.id())));
		other.close();
		await().atMost(PATIENCE).until(() -> failing.leadership().isLeader());
	}

	@Test
	void plainCuratorLatchAndStarterAgreeOnOneLeader() throws Exception {
		try (CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.connectString(),
				new RetryOneTime(100))) {
			client.start();
			LeaderLatch handWritten = new LeaderLatch(client, zookeeper.path(), "hand-written");
			handWritten.start();
			await().atMost(PATIENCE).until(handWritten::hasLeadership);
			TestInstance app = start("app");
			await().atMost(PATIENCE).until(() -> app.leadership().participants().size() == 2);
			assertThat(app.leadership().isLeader()).isFalse();
			assertThat(app.leadership().leaderId()).contains("hand-written");
			handWritten.close();
			await().atMost(PATIENCE).until(() -> app.leadership().isLeader());
			LeaderLatch late = new LeaderLatch(client, zookeeper.path(), "late");
			late.start();
			await().atMost(PATIENCE).until(() -> late.getParticipants().size() == 2);
			assertThat(late.hasLeadership()).isFalse();
			assertThat(late.getLeader().getId()).isEqualTo("app");
			late.close();
		}
	}

	@Test
	void awaitLeadershipReturnsOnceThisInstanceLeads() throws Exception {
		TestInstance first = start("a");
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		TestInstance second = start("b");
		assertThat(second.leadership().awaitLeadership(Duration.ofMillis(100))).isFalse();
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return second.leadership().awaitLeadership(PATIENCE);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		first.close();
		assertThat(waiting.get()).isTrue();
		assertThat(second.events()).last().isInstanceOf(LeadershipGrantedEvent.class);
	}

	@Test
	void normalShutdownAndHandoverLogNoWarningOrError(CapturedOutput output) {
		start("a");
		start("b");
		TestInstance first = awaitSingleLeader();
		int mark = output.length();
		first.close();
		TestInstance second = awaitSingleLeader();
		second.close();
		String shutdownLog = output.toString().substring(mark);
		assertThat(shutdownLog).contains("Leadership revoked (SHUTDOWN)").contains("Leadership granted");
		assertThat(shutdownLog.lines().filter(Pattern.compile("\\b(WARN|ERROR)\\b").asPredicate()))
			.as("WARN or ERROR lines during a normal shutdown")
			.isEmpty();
	}

}
