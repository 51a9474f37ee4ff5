package dev.zkleader.election;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.zkleader.RevocationReason;
import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A three-server ZooKeeper ensemble: the leader survives the loss of one server, stops
 * leading without quorum, and exactly one leader returns with it.
 */
@Tag("processes")
class EnsembleIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private TestingCluster cluster;

	private final List<TestInstance> instances = new ArrayList<>();

	@BeforeEach
	void startEnsemble() throws Exception {
		this.cluster = new TestingCluster(IntStream.rangeClosed(1, 3)
			.mapToObj((id) -> new InstanceSpec(null, -1, -1, -1, true, id, TestZooKeeper.TICK_MILLIS, -1))
			.toList());
		this.cluster.start();
	}

	@AfterEach
	void stopEnsemble() throws Exception {
		this.instances.forEach(TestInstance::close);
		this.cluster.close();
	}

	private List<TestInstance> leaders() {
		return this.instances.stream().filter((instance) -> instance.leadership().isLeader()).toList();
	}

	@Test
	void leaderSurvivesOneServerAndStepsDownWithoutQuorum() throws Exception {
		for (String id : List.of("a", "b")) {
			this.instances.add(TestInstance.start(id, this.cluster.getConnectString(), "/ensemble"));
		}
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		TestInstance leader = leaders().get(0);
		InstanceSpec leadersServer = this.cluster
			.findConnectionInstance(leader.client().getZookeeperClient().getZooKeeper());
		List<InstanceSpec> others = this.cluster.getInstances()
			.stream()
			.filter((spec) -> !spec.equals(leadersServer))
			.toList();

		// One server down, quorum kept: the leader never notices.
		this.cluster.killServer(others.get(0));
		await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> leaders().equals(List.of(leader)));
		assertThat(leader.revocations()).isEmpty();

		// Quorum lost: nobody may lead.
		this.cluster.killServer(others.get(1));
		await().atMost(PATIENCE).until(() -> leader.revocations().contains(RevocationReason.LEASE_EXPIRED));
		assertThat(leaders()).isEmpty();

		// Quorum back: exactly one leader again.
		this.cluster.restartServer(others.get(1));
		await().atMost(PATIENCE).until(() -> leaders().size() == 1);
		await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> leaders().size() == 1);
	}

}
