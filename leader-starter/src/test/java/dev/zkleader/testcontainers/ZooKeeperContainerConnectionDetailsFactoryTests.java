package dev.zkleader.testcontainers;

import java.time.Duration;

import dev.zkleader.Leadership;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.autoconfigure.ZooKeeperConnectionDetails;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsNotFoundException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Testcontainers service connection, without a Docker engine: a
 * {@code @ServiceConnection} {@link GenericContainer} bean goes through Spring Boot's own
 * service-connection auto-configuration to the registered factory. The container is a
 * description that says it runs, on the host and port of a real ZooKeeper server, so the
 * starter then connects and elects.
 */
class ZooKeeperContainerConnectionDetailsFactoryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/testcontainers-root");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
				LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class))
		.withPropertyValues("leader.zookeeper.connect-string=127.0.0.1:1", "leader.zookeeper.fail-fast=true",
				"leader.zookeeper.session-timeout=3s", "leader.path=/testcontainers",
				"leader.participant-id=container");

	@Test
	void serviceConnectionOfAZooKeeperContainerConnectsTheStarter() {
		this.contextRunner.withUserConfiguration(OfficialImage.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ZooKeeperConnectionDetails details = context.getBean(ZooKeeperConnectionDetails.class);
			assertThat(details.getConnectString()).isEqualTo("127.0.0.1:" + zookeeper.server().getPort());
			assertThat(context.getBean(CuratorFramework.class).getZookeeperClient().getCurrentConnectionString())
				.isEqualTo("127.0.0.1:" + zookeeper.server().getPort());
			await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
		});
	}

	@Test
	void bitnamiImageIsRecognised() {
		this.contextRunner.withUserConfiguration(BitnamiImage.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ZooKeeperConnectionDetails.class));
	}

	@Test
	void containerBeanNamedZooKeeperConnectsTheStarter() {
		this.contextRunner.withUserConfiguration(NamedOtherImage.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ZooKeeperConnectionDetails.class));
	}

	@Test
	void otherImageWithoutTheConnectionNameIsNotZooKeeper() {
		this.contextRunner.withUserConfiguration(UnnamedOtherImage.class)
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(ConnectionDetailsNotFoundException.class)
				.hasMessageContaining("No ConnectionDetails found"));
	}

	// As in a test class: a container field, whose image names the service.
	@Configuration(proxyBeanMethods = false)
	@ImportTestcontainers
	static class OfficialImage {

		@ServiceConnection
		static GenericContainer<?> zookeeper = new DescribedContainer("zookeeper:3.9.5");

	}

	@Configuration(proxyBeanMethods = false)
	@ImportTestcontainers
	static class BitnamiImage {

		@ServiceConnection
		static GenericContainer<?> zookeeper = new DescribedContainer("bitnamilegacy/zookeeper:3.9.3");

	}

	// A bean method's container is not inspected before it is created, so its connection
	// must be named, as for every GenericContainer bean.
	@Configuration(proxyBeanMethods = false)
	static class NamedOtherImage {

		@Bean
		@ServiceConnection("zookeeper")
		GenericContainer<?> zookeeper() {
			return new DescribedContainer("registry.example.com/platform/zk:3.9");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportTestcontainers
	static class UnnamedOtherImage {

		@ServiceConnection
		static GenericContainer<?> zookeeper = new DescribedContainer("registry.example.com/platform/zk:3.9");

	}

	/**
	 * What Testcontainers would report of a running container whose client port 2181 is
	 * mapped to the test's ZooKeeper server. Nothing here talks to Docker.
	 */
	static class DescribedContainer extends GenericContainer<DescribedContainer> {

		private final String image;

		DescribedContainer(String image) {
			super(DockerImageName.parse(image));
			this.image = image;
			addExposedPort(2181);
		}

		@Override
		public String getDockerImageName() {
			return this.image;
		}

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public String getHost() {
			return "127.0.0.1";
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			if (originalPort != 2181) {
				throw new IllegalArgumentException("Port " + originalPort + " is not exposed");
			}
			return zookeeper.server().getPort();
		}

	}

}
