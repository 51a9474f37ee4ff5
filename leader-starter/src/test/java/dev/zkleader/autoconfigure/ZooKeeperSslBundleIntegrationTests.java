package dev.zkleader.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.zkleader.TestInstance;
import dev.zkleader.TestZooKeeper;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.TlsStores;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;
import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code leader.zookeeper.ssl.bundle}: instances that take their key and trust material
 * from a Spring Boot SSL bundle (JKS, PKCS12 or PEM) reach a real ZooKeeper server that
 * serves a TLS client port only, the server of {@link ZooKeeperTlsIntegrationTests}.
 */
class ZooKeeperSslBundleIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	static Path directory;

	private static TlsStores stores;

	private static TestBundleStores forms;

	private static TlsStores strangers;

	private static ChildProcesses processes;

	private static ZooKeeperServer server;

	private final List<TestInstance> instances = new ArrayList<>();

	private String path;

	@BeforeAll
	static void startZooKeeper() throws Exception {
		stores = TlsStores.generate(directory);
		forms = TestBundleStores.from(stores, directory);
		// A key pair and trust store the server knows nothing of.
		strangers = TlsStores.generate(Files.createDirectories(directory.resolve("strangers")));
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
		this.path = "/ssl-bundle/" + test.getTestMethod().orElseThrow().getName();
	}

	@AfterEach
	void closeInstances() {
		this.instances.forEach(TestInstance::close);
	}

	@Test
	void leadsOverTlsWithAJksBundle() throws Exception {
		leadsOverTlsAndCleansUp("spring.ssl.bundle.jks.zookeeper.keystore.location=file:" + forms.jksKeyStore(),
				"spring.ssl.bundle.jks.zookeeper.keystore.password=" + stores.keyStorePassword(),
				"spring.ssl.bundle.jks.zookeeper.keystore.type=JKS",
				"spring.ssl.bundle.jks.zookeeper.truststore.location=file:" + forms.jksTrustStore(),
				"spring.ssl.bundle.jks.zookeeper.truststore.password=" + stores.trustStorePassword(),
				"spring.ssl.bundle.jks.zookeeper.truststore.type=JKS");
	}

	@Test
	void leadsOverTlsWithAPkcs12Bundle() throws Exception {
		leadsOverTlsAndCleansUp(pkcs12Bundle(stores));
	}

	@Test
	void leadsOverTlsWithAPemBundle() throws Exception {
		leadsOverTlsAndCleansUp("spring.ssl.bundle.pem.zookeeper.keystore.certificate=file:" + forms.pemCertificate(),
				"spring.ssl.bundle.pem.zookeeper.keystore.private-key=file:" + forms.pemPrivateKey(),
				"spring.ssl.bundle.pem.zookeeper.truststore.certificate=file:" + forms.pemTrustedCertificate());
	}

	@Test
	void bundleThatDoesNotTrustTheServerCannotConnect() {
		assertThatException()
			.isThrownBy(() -> start("stranger",
					Stream.concat(Stream.of(pkcs12Bundle(strangers)), Stream.of("leader.zookeeper.startup-wait=5s"))
						.toArray(String[]::new)))
			.withRootCauseInstanceOf(ZooKeeperUnavailableException.class);
	}

	@Test
	void unknownBundleFailsStartUpNamingTheProperty() {
		assertThatException().isThrownBy(() -> start("unknown")).satisfies((failure) -> {
			FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(failure);
			assertThat(analysis.getDescription()).contains("'leader.zookeeper.ssl.bundle'")
				.contains("no SSL bundle of that name")
				.contains("spring.ssl.bundle.jks.zookeeper");
		});
	}

	@Test
	void bundleAndKeyStorePropertiesTogetherAreRefused() {
		assertThatException()
			.isThrownBy(() -> start("both",
					Stream
						.concat(Stream.of(pkcs12Bundle(stores)),
								Stream.of("leader.zookeeper.tls.key-store.location=" + stores.keyStore()))
						.toArray(String[]::new)))
			.satisfies((failure) -> assertThat(RegisteredFailureAnalyzers.analyze(failure).getDescription())
				.contains("Property: leader.zookeeper.ssl.bundle")
				.contains("leader.zookeeper.tls.key-store.location"));
	}

	private static String[] pkcs12Bundle(TlsStores keys) {
		return new String[] { "spring.ssl.bundle.jks.zookeeper.keystore.location=file:" + keys.keyStore(),
				"spring.ssl.bundle.jks.zookeeper.keystore.password=" + keys.keyStorePassword(),
				"spring.ssl.bundle.jks.zookeeper.keystore.type=PKCS12",
				"spring.ssl.bundle.jks.zookeeper.truststore.location=file:" + keys.trustStore(),
				"spring.ssl.bundle.jks.zookeeper.truststore.password=" + keys.trustStorePassword(),
				"spring.ssl.bundle.jks.zookeeper.truststore.type=PKCS12" };
	}

	private void leadsOverTlsAndCleansUp(String... bundle) throws Exception {
		TestInstance first = start("node-1", bundle);
		await().atMost(PATIENCE).until(() -> first.leadership().isLeader());
		ZKClientConfig config = first.client().getZookeeperClient().getZooKeeper().getClientConfig();
		assertThat(config.getBoolean(ZKClientConfig.SECURE_CLIENT)).isTrue();
		assertThat(config.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET))
			.isEqualTo(ClientCnxnSocketNetty.class.getName());
		Path keyStore = Path.of(config.getProperty("zookeeper.ssl.keyStore.location"));
		Path trustStore = Path.of(config.getProperty("zookeeper.ssl.trustStore.location"));
		assertThat(keyStore).isRegularFile().hasParentRaw(trustStore.getParent());
		assertThat(keyStore.getParent().getFileName().toString()).startsWith("zookeeper-tls-");
		TestInstance second = start("node-2", bundle);
		await().atMost(PATIENCE).until(() -> second.leadership().participants().size() == 2);
		first.close();
		await().atMost(PATIENCE).until(() -> second.leadership().isLeader());
		assertThat(keyStore.getParent()).doesNotExist();
	}

	private TestInstance start(String id, String... properties) {
		String[] all = Stream.concat(Stream.of("leader.zookeeper.ssl.bundle=zookeeper",
				"leader.zookeeper.startup-wait=30s", "leader.zookeeper.fail-fast=true"), Stream.of(properties))
			.toArray(String[]::new);
		TestInstance instance = TestInstance.start(id, server.connectString(), this.path,
				List.of(SslConfiguration.class), all);
		this.instances.add(instance);
		return instance;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SslAutoConfiguration.class)
	static class SslConfiguration {

	}

}
