package dev.zkleader.election;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.election.LeaseTestSupport.Caller;
import dev.zkleader.election.LeaseTestSupport.ClientKind;
import dev.zkleader.election.LeaseTestSupport.Stamp;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.zkleader.election.LeaseTestSupport.confirmation;
import static dev.zkleader.election.LeaseTestSupport.stampedWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leadership as a lease on a three-server ZooKeeper ensemble ({@code QuorumPeerMain}
 * processes): a rolling restart, as operators do it, goes unnoticed; a lost quorum ends
 * leadership by the end of the lease, and it returns with the quorum.
 */
@Tag("processes")
class LeaseEnsembleIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final int TICK_MILLIS = 500;

	@TempDir
	Path dir;

	private final ChildProcesses children = new ChildProcesses();

	private ZooKeeperEnsemble ensemble;

	private final List<TestInstance> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(TestInstance::close);
		this.children.close();
	}

	private void startEnsemble() throws Exception {
		this.ensemble = ZooKeeperEnsemble.start(this.children, this.dir, 3,
				ServerOptions.defaults().tickTime(TICK_MILLIS).fsync(false));
		this.ensemble.awaitLeader();
	}

	private TestInstance start(String id, ClientKind kind, String... properties) {
		TestInstance instance = TestInstance.start(id, this.ensemble.connectString(), "/lease-ensemble",
				kind.configurations(), properties);
		this.instances.add(instance);
		return instance;
	}

	private List<TestInstance> leaders() {
		return this.instances.stream().filter((instance) -> instance.leadership().isLeader()).toList();
	}

	@ParameterizedTest
	@EnumSource(ClientKind.class)
	void rollingRestartOfTheEnsembleGoesUnnoticed(ClientKind kind) throws Exception {
		startEnsemble();
		start("a", kind, "leader.zookeeper.session-timeout=10s");
		start("b", kind, "leader.zookeeper.session-timeout=10s");
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		TestInstance leader = leaders().get(0);
		long token = leader.leadership().fencingToken().orElseThrow();
		CompletableFuture<String> longRun = CompletableFuture.supplyAsync(() -> leader.longWork().run(false));
		assertThat(leader.longWork().awaitStarted()).isTrue();
		long rolling = System.nanoTime();
		try (Caller caller = new Caller(stampedWork(leader))) {
			// After each member: the leader's client is back, and it still leads alone.
			this.ensemble.rollingRestart((member) -> {
				await().atMost(PATIENCE).until(() -> leader.client().getZookeeperClient().isConnected());
				assertThat(leaders()).containsExactly(leader);
			});
			long restarted = System.nanoTime();
			await().atMost(PATIENCE).until(() -> confirmation(leader).sentAt() - restarted > 0);
			System.out
				.println("MEASURED rolling restart (" + kind + "): " + Duration.ofNanos(restarted - rolling).toMillis()
						+ " ms, revocations " + leader.revocations().size() + ", longest pause of the job "
						+ longestPause(stampedWork(leader).runs()).toMillis() + " ms");
			Instant back = Instant.now();
			await().atMost(PATIENCE).until(() -> !stampedWork(leader).runsSince(back).isEmpty());
		}
		assertThat(longRun).isNotDone();
		leader.longWork().release();
		assertThat(longRun.get(30, TimeUnit.SECONDS)).isEqualTo("released");
		assertThat(this.instances).allSatisfy((instance) -> assertThat(instance.revocations()).isEmpty());
		assertThat(leader.granted()).isOne();
		assertThat(leader.leadership().fencingToken()).hasValue(token);
	}

	private static Duration longestPause(List<Stamp> runs) {
		long longest = 0;
		for (int i = 1; i < runs.size(); i++) {
			longest = Math.max(longest, runs.get(i).startNanos() - runs.get(i - 1).startNanos());
		}
		return Duration.ofNanos(longest);
	}

	@Test
	void lostQuorumEndsLeadershipByTheLeaseEndAndItReturnsWithTheQuorum() throws Exception {
		startEnsemble();
		start("a", ClientKind.STARTERS_OWN, "leader.zookeeper.session-timeout=4s");
		start("b", ClientKind.STARTERS_OWN, "leader.zookeeper.session-timeout=4s");
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		TestInstance leader = leaders().get(0);
		List<ZooKeeperServer> members = this.ensemble.members();
		Confirmation last;
		try (Caller caller = new Caller(stampedWork(leader))) {
			await().atMost(PATIENCE).until(() -> !stampedWork(leader).runs().isEmpty());
			members.get(0).kill();
			members.get(1).kill();
			await().atMost(PATIENCE).until(() -> leader.revocations().contains(RevocationReason.LEASE_EXPIRED));
			last = confirmation(leader);
			assertThat(leaders()).isEmpty();
		}
		finally {
			this.ensemble.startStoppedMembers();
		}
		long timeout = TimeUnit.MILLISECONDS
			.toNanos(leader.client().getZookeeperClient().getLastNegotiatedSessionTimeoutMs());
		Stamp lastRun = stampedWork(leader).runs().get(stampedWork(leader).runs().size() - 1);
		// No run started after the lease of the last confirmation ended, half a session
		// after that confirmation was sent.
		assertThat(last.leaseEnd() - last.sentAt()).isLessThanOrEqualTo(timeout / 2);
		assertThat(lastRun.startNanos()).isLessThan(last.leaseEnd());
		System.out.println("MEASURED quorum loss: last run "
				+ Duration.ofNanos(last.leaseEnd() - lastRun.startNanos()).toMillis() + " ms before the lease end");
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> leaders().size() == 1);
	}

}
