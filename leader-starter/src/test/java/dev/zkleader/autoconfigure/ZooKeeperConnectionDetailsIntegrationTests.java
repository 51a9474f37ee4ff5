package dev.zkleader.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.zkleader.Leadership;
import dev.zkleader.ZooKeeperInstances;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.data.ACL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link ZooKeeperConnectionDetails} bean replaces the connection properties: the
 * client connects where it says, under its chroot, as its user. The properties point at a
 * port where nothing listens, with fail-fast on, so using them fails start-up.
 */
class ZooKeeperConnectionDetailsIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/details-root");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class))
		.withPropertyValues("leader.zookeeper.connect-string=127.0.0.1:1", "leader.zookeeper.fail-fast=true",
				"leader.zookeeper.startup-wait=20s", "leader.zookeeper.session-timeout=3s",
				"leader.participant-id=details");

	@Test
	void propertiesAreTheConnectionDetailsByDefault() {
		this.contextRunner.withPropertyValues("leader.zookeeper.connect-string=" + zookeeper.connectString())
			.run((context) -> {
				assertThat(context).hasSingleBean(PropertiesZooKeeperConnectionDetails.class);
				assertThat(context.getBean(ZooKeeperConnectionDetails.class).getConnectString())
					.isEqualTo(zookeeper.connectString());
			});
	}

	@Test
	void connectsWhereTheConnectionDetailsSayAndElects() {
		this.contextRunner.withBean(ZooKeeperConnectionDetails.class, () -> details(null, null, null))
			.withPropertyValues("leader.path=/details/plain")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PropertiesZooKeeperConnectionDetails.class);
				assertThat(context.getBean(CuratorFramework.class).getZookeeperClient().getCurrentConnectionString())
					.isEqualTo(zookeeper.connectString());
				await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
			});
	}

	@Test
	void electionLivesUnderTheChrootOfTheConnectionDetails() throws Exception {
		// ZooKeeper does not create a chroot: it must exist, as with a chroot in the
		// connect string.
		try (CuratorFramework root = rootClient()) {
			root.create().forPath("/team-a");
		}
		this.contextRunner.withBean(ZooKeeperConnectionDetails.class, () -> details("/team-a", null, null))
			.withPropertyValues("leader.path=/details/chrooted")
			.run((context) -> {
				await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
				try (CuratorFramework root = rootClient()) {
					assertThat(root.getChildren().forPath("/team-a/details/chrooted")).hasSize(1);
					assertThat(root.checkExists().forPath("/details/chrooted")).isNull();
				}
			});
	}

	@Test
	void authenticatesWithTheDigestCredentialsOfTheConnectionDetails() {
		this.contextRunner.withBean(ZooKeeperConnectionDetails.class, () -> details(null, "orders", "s3cret"))
			.withPropertyValues("leader.path=/details/digest")
			.run((context) -> {
				await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
				try (CuratorFramework root = rootClient()) {
					String node = "/details/digest/" + root.getChildren().forPath("/details/digest").get(0);
					List<ACL> acl = root.getACL().forPath(node);
					// With credentials the default ACL gives the authenticated identity
					// all
					// rights.
					assertThat(acl).anySatisfy((entry) -> {
						assertThat(entry.getId().getScheme()).isEqualTo("digest");
						assertThat(entry.getId().getId()).startsWith("orders:");
					});
				}
			});
	}

	private static CuratorFramework rootClient() throws InterruptedException {
		CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.connectString(), new RetryOneTime(100));
		client.start();
		client.blockUntilConnected();
		return client;
	}

	private static ZooKeeperConnectionDetails details(@Nullable String chroot, @Nullable String username,
			@Nullable String password) {
		return new ZooKeeperConnectionDetails() {

			@Override
			public String getConnectString() {
				return zookeeper.connectString();
			}

			@Override
			public @Nullable String getChroot() {
				return chroot;
			}

			@Override
			public @Nullable String getUsername() {
				return username;
			}

			@Override
			public @Nullable String getPassword() {
				return password;
			}

		};
	}

}
