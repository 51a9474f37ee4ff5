package dev.zkleader.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Instances that authenticate with digest credentials on a real ZooKeeper server, and
 * what the resulting ACLs let other clients do. ZooKeeper's digest provider is built in:
 * the server needs no settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZooKeeperAclIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final String USER = "orders";

	private static final String PASSWORD = "pw-orders-7f3c9e";

	private static TestingServer server;

	private final List<TestInstance> instances = new ArrayList<>();

	private final List<CuratorFramework> clients = new ArrayList<>();

	// Under a parent of its own, which the first instance creates with the ACL too.
	private String path;

	@BeforeAll
	static void startZooKeeper() throws Exception {
		server = TestZooKeeper.start();
	}

	@AfterAll
	static void stopZooKeeper() throws Exception {
		server.close();
	}

	@BeforeEach
	void choosePath(TestInfo test) {
		this.path = "/" + test.getTestMethod().orElseThrow().getName() + "/election";
	}

	@AfterEach
	void close() {
		this.instances.forEach(TestInstance::close);
		this.clients.forEach(CuratorFramework::close);
	}

	@Test
	void unauthenticatedClientSeesTheLeaderButCannotDeleteItNorJoinTheElection() throws Exception {
		TestInstance leader = start("node-1");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		CuratorFramework anonymous = client(null);
		String leaderNode = this.path + "/" + single(anonymous.getChildren().forPath(this.path));
		assertThat(anonymous.getData().forPath(leaderNode)).asString(StandardCharsets.UTF_8).isEqualTo("node-1");
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> anonymous.delete().forPath(leaderNode));
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> anonymous.setData().forPath(leaderNode, bytes("intruder")));
		assertThatExceptionOfType(KeeperException.NoAuthException.class).isThrownBy(() -> anonymous.create()
			.withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
			.forPath(this.path + "/latch-", bytes("intruder")));
		// Nor remove the election node (or its parent) to recreate it open.
		String parent = this.path.substring(0, this.path.lastIndexOf('/'));
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> anonymous.delete().deletingChildrenIfNeeded().forPath(parent));
		assertThat(leader.leadership().isLeader()).isTrue();
		assertThat(anonymous.getChildren().forPath(this.path)).hasSize(1);
	}

	@Test
	void everyNodeTheStarterCreatesGivesAllToItsIdentityAndReadToEveryone() throws Exception {
		TestInstance leader = start("node-1");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		// ZooKeeper shows the identity's password hash only to clients with ADMIN rights.
		CuratorFramework owner = client(USER + ":" + PASSWORD);
		String parent = this.path.substring(0, this.path.lastIndexOf('/'));
		String leaderNode = this.path + "/" + single(owner.getChildren().forPath(this.path));
		List<ACL> expected = List.of(new ACL(ZooDefs.Perms.ALL, digestId(USER, PASSWORD)),
				new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
		for (String node : List.of(parent, this.path, leaderNode)) {
			assertThat(owner.getACL().forPath(node)).as(node).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void clientWithOtherCredentialsCannotDeleteTheLeadersNode() throws Exception {
		TestInstance leader = start("node-1");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		CuratorFramework mallory = client("mallory:" + PASSWORD);
		String leaderNode = this.path + "/" + single(mallory.getChildren().forPath(this.path));
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> mallory.delete().forPath(leaderNode));
		assertThatExceptionOfType(KeeperException.NoAuthException.class).isThrownBy(() -> mallory.create()
			.withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
			.forPath(this.path + "/latch-", bytes("mallory")));
	}

	@Test
	void authenticatedInstancesLeadAndHandOver() {
		TestInstance first = start("node-1");
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		TestInstance second = start("node-2");
		await().atMost(PATIENCE).until(() -> second.leadership().participants().size() == 2);
		assertThat(second.leadership().leaderId()).contains("node-1");
		first.close();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		assertThat(second.work().run()).isEqualTo(1);
	}

	@Test
	void instanceWithOtherCredentialsCannotJoinTheElection(CapturedOutput output) throws Exception {
		TestInstance leader = start("node-1");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		TestInstance other = TestInstance.start("node-2", server.getConnectString(), this.path,
				"leader.zookeeper.auth.credentials=billing:" + PASSWORD);
		this.instances.add(other);
		// What an operator sees: Curator's latch reports NoAuth (-102) and gives up.
		await().atMost(PATIENCE)
			.until(() -> output.getOut().contains("[id=node-2]")
					&& output.getOut().contains("failed (rc = " + KeeperException.Code.NOAUTH.intValue() + ")"));
		assertThat(client(USER + ":" + PASSWORD).getChildren().forPath(this.path)).hasSize(1);
		assertThat(other.leadership().isLeader()).isFalse();
		assertThat(leader.leadership().isLeader()).isTrue();
	}

	@Test
	void creatorAllHidesTheElectionFromUnauthenticatedClients() throws Exception {
		TestInstance leader = start("node-1", "leader.zookeeper.acl=creator-all");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		CuratorFramework anonymous = client(null);
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> anonymous.getChildren().forPath(this.path));
		assertThatExceptionOfType(KeeperException.NoAuthException.class)
			.isThrownBy(() -> anonymous.getData().forPath(this.path));
		assertThat(client(USER + ":" + PASSWORD).getACL().forPath(this.path))
			.containsExactly(new ACL(ZooDefs.Perms.ALL, digestId(USER, PASSWORD)));
	}

	@Test
	void passwordNeverAppearsInTheLog(CapturedOutput output) {
		TestInstance first = start("node-1", "logging.level.dev.zkleader=debug");
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		TestInstance second = start("node-2", "logging.level.dev.zkleader=debug");
		first.close();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		second.close();
		assertThat(output).contains("Leadership granted").doesNotContain(PASSWORD);
	}

	private TestInstance start(String id, String... properties) {
		String[] all = Stream
			.concat(Stream.of("leader.zookeeper.auth.username=" + USER, "leader.zookeeper.auth.password=" + PASSWORD),
					Stream.of(properties))
			.toArray(String[]::new);
		TestInstance instance = TestInstance.start(id, server.getConnectString(), this.path, all);
		this.instances.add(instance);
		return instance;
	}

	private CuratorFramework client(@Nullable String digestCredentials) {
		CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
			.connectString(server.getConnectString())
			.retryPolicy(new RetryOneTime(100));
		if (digestCredentials != null) {
			builder.authorization("digest", bytes(digestCredentials));
		}
		CuratorFramework client = builder.build();
		this.clients.add(client);
		client.start();
		return client;
	}

	private static Id digestId(String user, String password) throws Exception {
		return new Id("digest", DigestAuthenticationProvider.generateDigest(user + ":" + password));
	}

	private static String single(List<String> children) {
		assertThat(children).hasSize(1);
		return children.get(0);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
