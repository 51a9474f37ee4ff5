package dev.zkleader.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkleader.CuratorFrameworkCustomizer;
import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.election.ConnectionLossPolicy;
import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.election.ElectionSnapshot;
import dev.zkleader.gate.LeaderOnlyAdvisor;
import dev.zkleader.harness.net.LoopbackPorts;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class LeaderAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/autoconfigure");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LeaderAutoConfiguration.class,
				LeaderOnlyAutoConfiguration.class));

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("leader.zookeeper.connect-string=" + zookeeper.connectString());
	}

	@Test
	void createsAStartedClientAndAnElectionWithDefaults() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class)
				.hasSingleBean(Leadership.class)
				.hasSingleBean(LeaderOnlyAdvisor.class);
			assertThat(context.getBean(CuratorFramework.class).getState()).isEqualTo(CuratorFrameworkState.STARTED);
			CuratorFrameworkFactory.Builder builder = context.getBean(CapturingCustomizer.class).builder.get();
			assertThat(builder.getSessionTimeoutMs()).isEqualTo(15_000);
			assertThat(builder.getConnectionTimeoutMs()).isEqualTo(5_000);
			assertThat(builder.getNamespace()).isNull();
			assertThat(builder.getConnectionStateErrorPolicy()).isInstanceOf(StandardConnectionStateErrorPolicy.class);
			assertThat(builder.getRetryPolicy()).isInstanceOfSatisfying(ExponentialBackoffRetry.class, (retry) -> {
				assertThat(retry.getBaseSleepTimeMs()).isEqualTo(1_000);
				assertThat(retry.getN()).isEqualTo(3);
			});
			assertThat(defaultElection(context).path()).isEqualTo("/leader-election/default");
			Leadership leadership = context.getBean(Leadership.class);
			assertThat(leadership.participantId()).endsWith(":" + ProcessHandle.current().pid());
			await().atMost(Duration.ofSeconds(30)).until(leadership::isLeader);
		});
	}

	@Test
	void bindsEveryProperty() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("leader.path=/elections/orders", "leader.participant-id=node-7",
					"leader.connection-loss=suspended", "leader.zookeeper.session-timeout=4s",
					"leader.zookeeper.connection-timeout=2s", "leader.zookeeper.namespace=/team-a",
					"leader.zookeeper.startup-wait=3s", "leader.zookeeper.fail-fast=true",
					"leader.zookeeper.retry.base-sleep=250ms", "leader.zookeeper.retry.max-retries=7",
					"leader.zookeeper.retry.max-sleep=2s")
			.run((context) -> {
				CuratorFrameworkFactory.Builder builder = context.getBean(CapturingCustomizer.class).builder.get();
				assertThat(builder.getEnsembleProvider().getConnectionString()).isEqualTo(zookeeper.connectString());
				assertThat(builder.getSessionTimeoutMs()).isEqualTo(4_000);
				assertThat(builder.getConnectionTimeoutMs()).isEqualTo(2_000);
				assertThat(builder.getNamespace()).isEqualTo("team-a");
				assertThat(builder.getRetryPolicy()).isInstanceOfSatisfying(ExponentialBackoffRetry.class, (retry) -> {
					assertThat(retry.getBaseSleepTimeMs()).isEqualTo(250);
					assertThat(retry.getN()).isEqualTo(7);
				});
				LeaderProperties properties = context.getBean(LeaderProperties.class);
				assertThat(properties.getZookeeper().getStartupWait()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getZookeeper().isFailFast()).isTrue();
				assertThat(properties.getZookeeper().getRetry().getMaxSleep()).isEqualTo(Duration.ofSeconds(2));
				assertThat(defaultElection(context).path()).isEqualTo("/elections/orders");
				assertThat(properties.getConnectionLoss()).isEqualTo(ConnectionLossPolicy.SUSPENDED);
				assertThat(context.getBean(Leadership.class).participantId()).isEqualTo("node-7");
				assertThat(context.getBean(CuratorFramework.class).getNamespace()).isEqualTo("team-a");
			});
	}

	@Test
	void authenticatesAndProtectsItsNodesWhenCredentialsAreSet() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("leader.path=/secured/mapping", "leader.zookeeper.auth.username=orders",
					"leader.zookeeper.auth.password=s3cret")
			.run((context) -> {
				CuratorFrameworkFactory.Builder builder = context.getBean(CapturingCustomizer.class).builder.get();
				assertThat(builder.getAuthInfos()).singleElement().satisfies((info) -> {
					assertThat(info.getScheme()).isEqualTo("digest");
					assertThat(new String(info.getAuth(), StandardCharsets.UTF_8)).isEqualTo("orders:s3cret");
				});
				assertThat(builder.getAclProvider().getAclForPath("/secured/mapping")).containsExactly(
						new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS),
						new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
				assertThat(builder.getZkClientConfig()).isNull();
				await().atMost(Duration.ofSeconds(30)).until(context.getBean(Leadership.class)::isLeader);
			});
	}

	@Test
	void takesCredentialsInOneValueAndTheAclThatIsAskedFor() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("leader.path=/secured/one-value", "leader.zookeeper.auth.credentials=orders:s3cret",
					"leader.zookeeper.acl=creator-all")
			.run((context) -> {
				CuratorFrameworkFactory.Builder builder = context.getBean(CapturingCustomizer.class).builder.get();
				assertThat(builder.getAuthInfos()).singleElement()
					.satisfies((info) -> assertThat(info.getAuth()).asString(StandardCharsets.UTF_8)
						.isEqualTo("orders:s3cret"));
				assertThat(builder.getAclProvider().getDefaultAcl()).isEqualTo(ZooDefs.Ids.CREATOR_ALL_ACL);
			});
	}

	@Test
	void leavesItsNodesOpenWithoutCredentials() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class).run((context) -> {
			CuratorFrameworkFactory.Builder builder = context.getBean(CapturingCustomizer.class).builder.get();
			assertThat(builder.getAuthInfos()).isNullOrEmpty();
			assertThat(builder.getAclProvider().getDefaultAcl()).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
		});
	}

	@Test
	void connectionTimeoutDefaultsToASessionTimeoutShorterThanFiveSeconds() {
		connected().withUserConfiguration(CapturingCustomizerConfiguration.class)
			.withPropertyValues("leader.zookeeper.session-timeout=2s")
			.run((context) -> assertThat(
					context.getBean(CapturingCustomizer.class).builder.get().getConnectionTimeoutMs())
				.isEqualTo(2_000));
	}

	@Test
	void namesTheDefaultPathAfterTheApplication() {
		connected().withPropertyValues("spring.application.name=billing")
			.run((context) -> assertThat(defaultElection(context).path()).isEqualTo("/leader-election/billing"));
	}

	@Test
	void namedElectionsDefaultToASiblingOfTheDefaultElectionsPath() {
		connected().withPropertyValues("leader.path=/sibling/billing").run((context) -> {
			Leadership reports = context.getBean(LeaderElections.class).get("reports");
			await().atMost(Duration.ofSeconds(30)).until(reports::isLeader);
			CuratorFramework client = context.getBean(CuratorFramework.class);
			assertThat(client.getChildren().forPath("/sibling/billing.reports")).singleElement()
				.asString()
				.contains("latch-");
			assertThat(client.getChildren().forPath("/sibling")).containsExactlyInAnyOrder("billing",
					"billing.reports");
		});
	}

	// Inside the default path, the election "0" would put its parent node "0" among the
	// default election's latch nodes, ahead of all of them: the default election would
	// never have a leader.
	@Test
	void anElectionWhoseNameSortsBeforeLatchNodesLeavesTheDefaultElectionAlone() {
		connected().withPropertyValues("leader.path=/sorting/orders").run((context) -> {
			Leadership zero = context.getBean(LeaderElections.class).get("0");
			Leadership defaultElection = context.getBean(Leadership.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> zero.isLeader() && defaultElection.isLeader());
		});
	}

	@Test
	void failsWhenAnElectionNamedOnlyByLeaderOnlyWouldNestWithAConfiguredOne() {
		connected()
			.withPropertyValues("leader.path=/nesting/orders",
					"leader.elections.audit.path=/nesting/orders.reports/audit")
			.withBean(ReportsWork.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("configuration property 'leader.elections.audit.path'")
					.contains("lies inside the path /nesting/orders.reports of the election 'reports' (its default "
							+ "path: leader.elections.reports.path is not set)");
			});
	}

	@Test
	void backsOffWhenUserDefinesCuratorFramework() {
		connected().withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class);
			CuratorFramework client = context.getBean(CuratorFramework.class);
			assertThat(client).isSameAs(context.getBean(UserClientConfiguration.class).client);
			await().atMost(Duration.ofSeconds(30)).until(context.getBean(Leadership.class)::isLeader);
			assertThat(client.checkExists().forPath(defaultElection(context).path())).isNotNull();
		});
	}

	@Test
	void appliesCustomizersInOrder() {
		connected().withUserConfiguration(OrderedCustomizersConfiguration.class)
			.run((context) -> assertThat(context.getBean(CuratorFramework.class).getNamespace()).isEqualTo("second"));
	}

	@Test
	void disabledSwitchTurnsElectionOffAndKeepsTheGate(CapturedOutput output) {
		this.contextRunner.withPropertyValues("leader.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CuratorFramework.class)
				.doesNotHaveBean(ElectionRegistry.class)
				.hasSingleBean(LeaderOnlyAdvisor.class);
			assertThat(context.getBean(Leadership.class).isLeader()).isFalse();
			assertThat(output).containsOnlyOnce("leader.enabled=false");
		});
	}

	@Test
	void startsAsANonLeaderWhenZooKeeperIsDown(CapturedOutput output) throws Exception {
		String nowhere = "127.0.0.1:" + LoopbackPorts.free();
		this.contextRunner
			.withPropertyValues("leader.zookeeper.connect-string=" + nowhere, "leader.zookeeper.startup-wait=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Leadership.class).isLeader()).isFalse();
				assertThat(output).contains("WARN").contains("ZooKeeper at '" + nowhere + "' did not answer");
			});
	}

	@Test
	void failsFastWithAClearMessageWhenZooKeeperIsDown() throws Exception {
		String nowhere = "127.0.0.1:" + LoopbackPorts.free();
		this.contextRunner
			.withPropertyValues("leader.zookeeper.connect-string=" + nowhere, "leader.zookeeper.startup-wait=300ms",
					"leader.zookeeper.fail-fast=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = RegisteredFailureAnalyzers.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(nowhere).contains("leader.zookeeper.connect-string");
				assertThat(analysis.getAction()).contains("leader.zookeeper.fail-fast=false");
			});
	}

	private static ElectionSnapshot defaultElection(ApplicationContext context) {
		ElectionSnapshot snapshot = context.getBean(ElectionRegistry.class).snapshot(LeaderElections.DEFAULT);
		assertThat(snapshot).isNotNull();
		return snapshot;
	}

	static class ReportsWork {

		@LeaderOnly("reports")
		public void report() {
		}

	}

	static class CapturingCustomizer implements CuratorFrameworkCustomizer {

		final AtomicReference<CuratorFrameworkFactory.Builder> builder = new AtomicReference<>();

		@Override
		public void customize(CuratorFrameworkFactory.Builder builder) {
			this.builder.set(builder);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CapturingCustomizerConfiguration {

		@Bean
		CapturingCustomizer capturingCustomizer() {
			return new CapturingCustomizer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		final CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.connectString(),
				new RetryOneTime(100));

		@Bean(destroyMethod = "close")
		CuratorFramework userCuratorFramework() {
			this.client.start();
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		@Bean
		@Order(2)
		CuratorFrameworkCustomizer second() {
			return (builder) -> builder.namespace("second");
		}

		@Bean
		@Order(1)
		CuratorFrameworkCustomizer first() {
			return (builder) -> builder.namespace("first");
		}

	}

}
