package dev.zkleader.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.TlsStores;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Instances that reach ZooKeeper over TLS only: a real server with nothing but a secure
 * client port, and key and trust stores generated for the run.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZooKeeperTlsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	static Path directory;

	private static TlsStores stores;

	private static ChildProcesses processes;

	private static ZooKeeperServer server;

	private final List<TestInstance> instances = new ArrayList<>();

	private String path;

	@BeforeAll
	static void startZooKeeper() throws Exception {
		stores = TlsStores.generate(directory);
		processes = new ChildProcesses();
		server = ZooKeeperServer.standalone(processes, directory.resolve("zookeeper"),
				ServerOptions.defaults().tickTime(TestZooKeeper.TICK_MILLIS).tls(stores));
	}

	@AfterAll
	static void stopZooKeeper() {
		if (processes != null) {
			processes.close();
		}
	}

	@BeforeEach
	void choosePath(TestInfo test) {
		this.path = "/tls/" + test.getTestMethod().orElseThrow().getName();
	}

	@AfterEach
	void closeInstances() {
		this.instances.forEach(TestInstance::close);
	}

	@Test
	void connectsOverTlsLeadsAndHandsOver() throws Exception {
		TestInstance first = start("node-1");
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		ZKClientConfig config = first.client().getZookeeperClient().getZooKeeper().getClientConfig();
		assertThat(config.getBoolean(ZKClientConfig.SECURE_CLIENT)).isTrue();
		assertThat(config.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET))
			.isEqualTo(ClientCnxnSocketNetty.class.getName());
		assertThat(config.getProperty("zookeeper.ssl.keyStore.location")).isEqualTo(stores.keyStore().toString());
		assertThat(config.getProperty("zookeeper.ssl.trustStore.location")).isEqualTo(stores.trustStore().toString());
		TestInstance second = start("node-2");
		await().atMost(PATIENCE).until(() -> second.leadership().participants().size() == 2);
		first.close();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
	}

	@Test
	void plaintextClientCannotUseTheSecurePort() throws Exception {
		try (CuratorFramework plaintext = CuratorFrameworkFactory.builder()
			.connectString(server.connectString())
			.sessionTimeoutMs(4_000)
			.connectionTimeoutMs(2_000)
			.retryPolicy(new RetryOneTime(100))
			.build()) {
			plaintext.start();
			assertThat(plaintext.blockUntilConnected(5, TimeUnit.SECONDS)).isFalse();
		}
	}

	@Test
	void starterWithoutTlsFailsFastAgainstTheSecurePort() {
		assertThatException()
			.isThrownBy(() -> TestInstance.start("plaintext", server.connectString(), this.path,
					"leader.zookeeper.startup-wait=3s", "leader.zookeeper.fail-fast=true"))
			.withRootCauseInstanceOf(ZooKeeperUnavailableException.class);
	}

	@Test
	void clientCertificateIsTheIdentityThatACreatorAclProtects() throws Exception {
		TestInstance leader = start("node-1", "leader.zookeeper.acl=creator-all-world-read");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		CuratorFramework client = leader.client();
		String node = this.path + "/" + client.getChildren().forPath(this.path).get(0);
		assertThat(client.getACL().forPath(node)).satisfiesExactlyInAnyOrder((acl) -> {
			assertThat(acl.getId().getScheme()).isEqualTo("x509");
			assertThat(acl.getId().getId()).contains("CN=localhost");
			assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
		}, (acl) -> assertThat(acl).isEqualTo(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));
	}

	@Test
	void leadsWithTlsAndDigestAuthenticationWithoutLoggingAnyPassword(CapturedOutput output) {
		String password = "pw-tls-digest-41d2";
		TestInstance leader = start("node-1", "leader.zookeeper.auth.credentials=orders:" + password,
				"logging.level.dev.zkleader=debug");
		await().atMost(PATIENCE).until(() -> leader.leadership().isLeader());
		leader.close();
		assertThat(output).contains("Leadership granted")
			.doesNotContain(password)
			.doesNotContain(stores.keyStorePassword())
			.doesNotContain(stores.trustStorePassword());
	}

	private TestInstance start(String id, String... properties) {
		String[] all = Stream
			.concat(Stream.of("leader.zookeeper.tls.enabled=true",
					"leader.zookeeper.tls.key-store.location=" + stores.keyStore(),
					"leader.zookeeper.tls.key-store.password=" + stores.keyStorePassword(),
					"leader.zookeeper.tls.trust-store.location=" + stores.trustStore(),
					"leader.zookeeper.tls.trust-store.password=" + stores.trustStorePassword(),
					"leader.zookeeper.startup-wait=30s", "leader.zookeeper.fail-fast=true"), Stream.of(properties))
			.toArray(String[]::new);
		TestInstance instance = TestInstance.start(id, server.connectString(), this.path, all);
		this.instances.add(instance);
		return instance;
	}

}
