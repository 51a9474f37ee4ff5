package dev.zkleader.harness.zookeeper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.zkleader.harness.process.ChildProcesses;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-node ensemble of {@code QuorumPeerMain} processes: one member leads, a restarted
 * member serves again with its data directory, the loss of the leader elects another, and
 * the loss of two members ends the quorum until they are back.
 */
class ZooKeeperEnsembleTests {

	@TempDir
	Path dir;

	private final ChildProcesses children = new ChildProcesses();

	private ZooKeeperEnsemble ensemble;

	@BeforeEach
	void startEnsemble() throws Exception {
		this.ensemble = ZooKeeperEnsemble.start(this.children, this.dir, 3,
				ServerOptions.defaults().tickTime(200).fsync(false));
	}

	@AfterEach
	void endProcesses() {
		this.children.close();
	}

	@Test
	void oneMemberLeadsAndEveryMemberServesTheSameData() throws Exception {
		ZooKeeperServer leader = this.ensemble.awaitLeader();
		assertThat(this.ensemble.members()).hasSize(3)
			.filteredOn((member) -> member != leader)
			.allSatisfy((member) -> assertThat(member.mode()).hasValue("follower"));
		assertThat(this.ensemble.followers()).hasSize(2).doesNotContain(leader);
		assertThat(this.ensemble.connectString().split(",")).hasSize(3)
			.containsExactlyElementsOf(this.ensemble.members().stream().map(ZooKeeperServer::connectString).toList());
		write(this.ensemble.member(1), "/shared", "one");
		assertThat(read(this.ensemble.member(3), "/shared")).isEqualTo("one");
	}

	@Test
	void aRestartedFollowerServesAgainWithItsDataAndWhatItMissed() throws Exception {
		this.ensemble.awaitLeader();
		ZooKeeperServer follower = this.ensemble.followers().get(0);
		write(follower, "/before", "kept");
		int port = follower.clientPort();

		follower.kill();
		assertThat(follower.mode()).isEmpty();
		// Two of three are a quorum: the ensemble still takes writes.
		ZooKeeperServer leader = this.ensemble.awaitLeader();
		write(leader, "/meanwhile", "missed");

		follower.start();
		assertThat(follower.clientPort()).isEqualTo(port);
		assertThat(follower.mode()).hasValue("follower");
		assertThat(read(follower, "/before")).isEqualTo("kept");
		assertThat(read(follower, "/meanwhile")).isEqualTo("missed");
	}

	@Test
	void losingTheLeaderElectsAnotherAndLosingTwoMembersEndsTheQuorum() throws Exception {
		ZooKeeperServer first = this.ensemble.awaitLeader();
		first.kill();
		ZooKeeperServer second = this.ensemble.awaitLeader();
		assertThat(second).isNotSameAs(first);
		assertThat(this.ensemble.leader()).containsSame(second);

		second.stop();
		List<ZooKeeperServer> running = this.ensemble.members().stream().filter(ZooKeeperServer::isRunning).toList();
		assertThat(running).hasSize(1);
		// One of three serves nobody.
		assertThat(running.get(0).mode()).isEmpty();
		assertThat(this.ensemble.leader()).isEmpty();

		this.ensemble.startStoppedMembers();
		assertThat(this.ensemble.members()).allSatisfy((member) -> assertThat(member.mode()).isPresent());
		assertThat(this.ensemble.awaitLeader()).isNotNull();
	}

	private static void write(ZooKeeperServer member, String path, String value) throws Exception {
		try (CuratorFramework client = ZooKeeperServerTests.connect(member.connectString(), 4000)) {
			client.create().forPath(path, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	// Through this member only: what it has, not what the leader has. A member sends its
	// answer to a new session only once it has applied what came before that session.
	private static String read(ZooKeeperServer member, String path) throws Exception {
		try (CuratorFramework client = ZooKeeperServerTests.connect(member.connectString(), 4000)) {
			return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
		}
	}

}
