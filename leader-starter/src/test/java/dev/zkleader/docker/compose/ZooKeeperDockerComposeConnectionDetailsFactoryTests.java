package dev.zkleader.docker.compose;

import java.time.Duration;
import java.util.Map;

import dev.zkleader.Leadership;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.autoconfigure.ZooKeeperConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * The Docker Compose service connection, tested as Spring Boot tests its own without a
 * Docker engine: the factories registered in {@code spring.factories} are given the
 * description of a running service (image, host, mapped ports, labels). Its port here is
 * a real ZooKeeper server's, so the details are also used to elect.
 */
class ZooKeeperDockerComposeConnectionDetailsFactoryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/compose-root");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class))
		.withPropertyValues("leader.zookeeper.connect-string=127.0.0.1:1", "leader.zookeeper.fail-fast=true",
				"leader.zookeeper.session-timeout=3s", "leader.path=/compose", "leader.participant-id=compose");

	@Test
	void officialImageConnectsToItsMappedClientPort() {
		ZooKeeperConnectionDetails details = connectionDetails(source("zookeeper:3.9.5", null));
		assertThat(details).isNotNull();
		assertThat(details.getConnectString()).isEqualTo("127.0.0.1:" + zookeeper.server().getPort());
		assertThat(details.getChroot()).isNull();
		assertThat(details.getUsername()).isNull();
	}

	@Test
	void recognisesTheImageUnderEveryName() {
		assertThat(connectionDetails(source("mirror.example.com/library/zookeeper:3.9", null))).isNotNull();
		assertThat(connectionDetails(source("bitnamilegacy/zookeeper:3.9.3", null))).isNotNull();
		assertThat(connectionDetails(source("bitnami/zookeeper:latest", null))).isNotNull();
		assertThat(connectionDetails(source("registry.example.com/mirror/zk:3.9", "zookeeper"))).isNotNull();
	}

	@Test
	void ignoresOtherServices() {
		assertThat(connectionDetails(source("redis:7", null))).isNull();
		assertThat(connectionDetails(source("confluentinc/cp-zookeeper:7.6.0", null))).isNull();
	}

	@Test
	void starterElectsThroughTheServiceConnection() {
		ZooKeeperConnectionDetails details = connectionDetails(source("zookeeper:3.9.5", null));
		assertThat(details).isNotNull();
		this.contextRunner.withBean(ZooKeeperConnectionDetails.class, () -> details).run((context) -> {
			assertThat(context).hasNotFailed();
			Leadership leadership = context.getBean(Leadership.class);
			await().atMost(PATIENCE).until(leadership::isLeader);
		});
	}

	// Through Spring Boot's lookup of the registered factories, as its Docker Compose
	// support does.
	private static @Nullable ZooKeeperConnectionDetails connectionDetails(DockerComposeConnectionSource source) {
		Map<Class<?>, ConnectionDetails> all = new ConnectionDetailsFactories(null).getConnectionDetails(source, false);
		return (ZooKeeperConnectionDetails) all.get(ZooKeeperConnectionDetails.class);
	}

	private static DockerComposeConnectionSource source(String image, @Nullable String label) {
		RunningService service = mock(RunningService.class);
		given(service.name()).willReturn("zookeeper");
		given(service.image()).willReturn(ImageReference.of(image));
		given(service.host()).willReturn("127.0.0.1");
		ConnectionPorts ports = mock(ConnectionPorts.class);
		given(ports.get(2181)).willReturn(zookeeper.server().getPort());
		given(service.ports()).willReturn(ports);
		given(service.labels())
			.willReturn((label != null) ? Map.of("org.springframework.boot.service-connection", label) : Map.of());
		DockerComposeConnectionSource source = mock(DockerComposeConnectionSource.class);
		given(source.getRunningService()).willReturn(service);
		return source;
	}

}
