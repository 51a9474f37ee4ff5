package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zkleader.LeaderOnly;
import dev.zkleader.LeadershipContext;
import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import dev.zkleader.election.LeaseTestSupport.Caller;
import dev.zkleader.election.LeaseTestSupport.ClientKind;
import dev.zkleader.election.LeaseTestSupport.Stamp;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import dev.zkleader.harness.zookeeper.InJvmZooKeeper;
import org.apache.curator.test.TestingServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.zkleader.election.LeaseTestSupport.confirmation;
import static dev.zkleader.election.LeaseTestSupport.stampedWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leadership as a lease on one real ZooKeeper server: a deleted node revokes at once, a
 * server restart within the lease goes unnoticed, whichever client the application
 * brings, and a session that changes under a busy election thread never opens the gate.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaseIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	// Well under the renewal interval (3 s / 6), wide for a loaded 2-core machine.
	private static final Duration WATCH_WINDOW = Duration.ofMillis(250);

	// A tick of 500 ms lets sessions last up to 10 s, long enough to ride out a restart.
	private static final int TICK_MILLIS = 500;

	private static TestingServer server;

	private final List<TestInstance> instances = new ArrayList<>();

	private String path;

	@BeforeAll
	static void startServer() throws Exception {
		server = InJvmZooKeeper.start(TICK_MILLIS);
	}

	@AfterAll
	static void stopServer() throws Exception {
		server.close();
	}

	@BeforeEach
	void choosePath(TestInfo test) {
		this.path = "/lease/" + test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(TestInstance::close);
	}

	private TestInstance start(String id, ClientKind kind, String... properties) {
		TestInstance instance = TestInstance.start(id, server.getConnectString(), this.path, kind.configurations(),
				properties);
		this.instances.add(instance);
		return instance;
	}

	private TestInstance awaitLeader() {
		await().atMost(PATIENCE)
			.until(() -> this.instances.stream()
				.filter((i) -> i.isRunning() && i.leadership().isLeader())
				.count() == 1);
		return this.instances.stream().filter((i) -> i.isRunning() && i.leadership().isLeader()).findFirst().get();
	}

	private TestInstance other(TestInstance instance) {
		return this.instances.stream().filter((i) -> i != instance).findFirst().orElseThrow();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void deletedNodeRevokesTheLeaderAtOnceAndOnlyTheNewLeaderWorks(ClientKind kind) throws Exception {
		TestInstance first = start("a", kind);
		TestInstance second = start("b", kind);
		TestInstance leader = awaitLeader();
		TestInstance follower = other(leader);
		await().atMost(PATIENCE).until(() -> leader.leadership().participants().size() == 2);
		String node = confirmation(leader).path();
		try (Caller onLeader = new Caller(stampedWork(leader));
				Caller onFollower = new Caller(stampedWork(follower));
				CuratorFramework operator = CuratorFrameworkFactory.newClient(server.getConnectString(),
						new RetryOneTime(100))) {
			operator.start();
			await().atMost(PATIENCE).until(() -> !stampedWork(leader).runs().isEmpty());
			long deleting = System.nanoTime();
			operator.delete().forPath(node);
			await().pollInterval(Duration.ofMillis(1))
				.atMost(PATIENCE)
				.until(() -> leader.revocations().contains(RevocationReason.NODE_DELETED));
			Duration revokedAfter = Duration.ofNanos(System.nanoTime() - deleting);
			System.out
				.println("MEASURED node deletion to revocation (" + kind + "): " + revokedAfter.toMillis() + " ms");
			// The watch fires at once; a renewal alone would take up to 500 ms (3 s / 6).
			assertThat(revokedAfter).isLessThan(Duration.ofSeconds(1));
			await().atMost(PATIENCE).until(() -> follower.leadership().isLeader());
			Instant granted = follower.events().get(follower.events().size() - 1).getTime();
			// Both watches fire on the same deletion, so the new leader may be granted a
			// few milliseconds before the old one's gate closes (the window fencing
			// tokens are for: see SAFETY.md). Past that window only the new leader may
			// work, for as long as the follower has run a full second; without the watch
			// and the renewals the old leader would go on for as long as it stays
			// connected.
			Instant settled = granted.plus(WATCH_WINDOW);
			await().atMost(PATIENCE)
				.until(() -> !stampedWork(follower).runsSince(granted.plus(Duration.ofSeconds(1))).isEmpty());
			assertThat(stampedWork(leader).runsSince(settled)).isEmpty();
			// The old leader rejoined with a fresh node, behind the new leader.
			await().atMost(PATIENCE)
				.until(() -> follower.leadership().participants(),
						(ids) -> ids.equals(List.of(follower.id(), leader.id())));
			assertThat(leader.leadership().isLeader()).isFalse();
		}
		assertThat(List.of(first, second)).contains(leader);
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void serverRestartWithinTheLeaseGoesUnnoticed(ClientKind kind, CapturedOutput output) throws Exception {
		TestInstance leader = start("a", kind, "leader.zookeeper.session-timeout=10s");
		TestInstance follower = start("b", kind, "leader.zookeeper.session-timeout=10s");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		await().atMost(PATIENCE).until(() -> follower.leadership().participants().size() == 2);
		long token = leader.leadership().fencingToken().orElseThrow();
		CompletableFuture<String> longRun = CompletableFuture.supplyAsync(() -> leader.longWork().run(false));
		assertThat(leader.longWork().awaitStarted()).isTrue();
		try (Caller caller = new Caller(stampedWork(leader))) {
			long stopping = System.nanoTime();
			server.stop();
			try {
				await().atMost(PATIENCE).until(() -> !leader.client().getZookeeperClient().isConnected());
			}
			finally {
				server.restart();
			}
			await().atMost(PATIENCE).until(() -> leader.client().getZookeeperClient().isConnected());
			await().atMost(PATIENCE).until(() -> confirmation(leader).sentAt() - stopping > 0);
			System.out.println("MEASURED restart ridden out (" + kind + "): connection back after "
					+ Duration.ofNanos(System.nanoTime() - stopping).toMillis() + " ms");
			assertThat(leader.leadership().isLeader()).isTrue();
			assertThat(leader.leadership().fencingToken()).hasValue(token);
			// Leader-only work went on after the restart, on the same leadership.
			Instant back = Instant.now();
			await().atMost(PATIENCE).until(() -> !stampedWork(leader).runsSince(back).isEmpty());
		}
		assertThat(longRun).isNotDone();
		leader.longWork().release();
		assertThat(longRun.get(30, TimeUnit.SECONDS)).isEqualTo("released");
		assertThat(leader.revocations()).isEmpty();
		assertThat(leader.granted()).isOne();
		assertThat(follower.granted()).isZero();
		assertThat(stampedWork(leader).runs()).allSatisfy((run) -> assertThat(run.token()).isEqualTo(token));
		assertThat(output).contains("kept its leader throughout (within its lease)");
	}

	@Test
	void aSessionLostUnderABusyElectionThreadNeverOpensTheGate() throws Exception {
		TestInstance first = start("a", ClientKind.STARTERS_OWN);
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		TestInstance next = start("b", ClientKind.STARTERS_OWN);
		await().atMost(PATIENCE).until(() -> next.leadership().participants().size() == 2);
		// The granted listener is slow: meanwhile the session that won is replaced.
		AtomicBoolean once = new AtomicBoolean();
		next.onGranted(() -> {
			if (!once.compareAndSet(false, true)) {
				return;
			}
			long handle = next.client().getZookeeperClient().getInstanceIndex();
			try {
				TestZooKeeper.expireSession(next.client(), server.getConnectString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			await().atMost(PATIENCE)
				.until(() -> next.client().getZookeeperClient().getInstanceIndex() != handle
						&& next.client().getZookeeperClient().isConnected());
		});
		try (Caller caller = new Caller(stampedWork(next))) {
			first.close();
			// Whichever ZooKeeper reports first: the lost session, or the node it took
			// along.
			await().atMost(PATIENCE).until(() -> !next.revocations().isEmpty());
			assertThat(next.revocations()).first()
				.isIn(RevocationReason.CONNECTION_LOST, RevocationReason.NODE_DELETED);
			// Alone now, it leads again, on its new session and node.
			await().atMost(PATIENCE).until(() -> next.granted() == 2);
			await().atMost(PATIENCE).until(() -> !stampedWork(next).runs().isEmpty());
		}
		long firstToken = next.events().get(0).getFencingToken();
		long secondToken = next.events().get(2).getFencingToken();
		assertThat(secondToken).isGreaterThan(firstToken);
		assertThat(stampedWork(next).runs()).extracting(Stamp::token).containsOnly(secondToken);
	}

	@Test
	void anElectionNamedLikeASequenceNumberLeavesTheDefaultElectionAlone() {
		List<Class<?>> zero = List.of(ZeroElectionConfiguration.class);
		TestInstance a = TestInstance.start("a", server.getConnectString(), this.path, zero);
		this.instances.add(a);
		TestInstance b = TestInstance.start("b", server.getConnectString(), this.path, zero);
		this.instances.add(b);
		TestInstance defaultLeader = awaitLeader();
		await().atMost(PATIENCE)
			.until(() -> this.instances.stream().filter((i) -> i.elections().get("0").isLeader()).count() == 1);
		assertThat(defaultLeader.leadership().participants()).containsExactlyInAnyOrder("a", "b");
		assertThat(a.elections().get("0").participants()).containsExactlyInAnyOrder("a", "b");
		assertThat(this.instances.stream().map((i) -> i.context().getBean(ZeroWork.class).run())).containsOnlyOnce("0")
			.containsNull();
	}

	@Configuration(proxyBeanMethods = false)
	static class ZeroElectionConfiguration {

		@Bean
		ZeroWork zeroWork() {
			return new ZeroWork();
		}

	}

	/**
	 * Work of an election whose name sorts before Curator's sequence numbers.
	 */
	public static class ZeroWork {

		@LeaderOnly("0")
		public @Nullable String run() {
			return LeadershipContext.currentElection().orElseThrow();
		}

	}

}
