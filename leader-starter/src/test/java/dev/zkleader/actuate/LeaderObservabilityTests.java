package dev.zkleader.actuate;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.zkleader.Leadership;
import dev.zkleader.RevocationReason;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderEndpointAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderHealthContributorAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderMetricsAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.election.ElectionRegistry;
import dev.zkleader.gate.LeaderWorkRun;
import org.apache.curator.drivers.TracerDriver;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint, health indicator and metrics, read through the actuator as an operator
 * would, against a real ZooKeeper server.
 */
class LeaderObservabilityTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/observability");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class,
				LeaderEndpointAutoConfiguration.class, LeaderHealthContributorAutoConfiguration.class,
				LeaderMetricsAutoConfiguration.class, EndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				MetricsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=leader,metrics",
				"leader.zookeeper.session-timeout=3s");

	private ApplicationContextRunner instance(String id, String path) {
		return this.contextRunner.withPropertyValues("leader.zookeeper.connect-string=" + zookeeper.connectString(),
				"leader.participant-id=" + id, "leader.path=" + path);
	}

	@Test
	void endpointReportsEachElectionAndYieldMovesLeadership() {
		instance("a", "/endpoint").run((a) -> {
			await().atMost(PATIENCE).until(() -> a.getBean(Leadership.class).isLeader());
			instance("b", "/endpoint").run((b) -> {
				LeaderEndpoint endpoint = a.getBean(LeaderEndpoint.class);
				await().atMost(PATIENCE).until(() -> endpoint.election("default").participants().size() == 2);
				ElectionDescriptor before = endpoint.elections().elections().get("default");
				assertThat(before.leader()).isTrue();
				assertThat(before.path()).isEqualTo("/endpoint");
				assertThat(before.participantId()).isEqualTo("a");
				assertThat(before.leaderId()).isEqualTo("a");
				assertThat(before.participants()).containsExactly("a", "b");
				assertThat(before.fencingToken()).isPositive();
				assertThat(before.leaderSince()).isNotNull();
				assertThat(before.connectionState()).isEqualTo("CONNECTED");
				assertThat(before.leaseRemaining()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1500));
				assertThat(before.yielding()).isFalse();
				assertThat(endpoint.election("no-such-election")).isNull();
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.act("default", "abdicate"));
				ElectionDescriptor yielding = endpoint.act("default", "yield");
				assertThat(yielding.yielding()).isTrue();
				await().atMost(PATIENCE).until(() -> b.getBean(Leadership.class).isLeader());
				ElectionDescriptor after = endpoint.election("default");
				assertThat(after.leader()).isFalse();
				assertThat(after.fencingToken()).isNull();
				assertThat(after.leaseRemaining()).isNull();
				assertThat(b.getBean(LeaderEndpoint.class).election("default").leaderId()).isEqualTo("b");
				assertThat(endpoint.act("default", "yield").yielding()).isFalse();
			});
		});
	}

	@Test
	void yieldThroughTheEndpointAnswersAtOnceWhileRunningWorkDrains() {
		instance("a", "/endpoint-yield").run((a) -> {
			await().atMost(PATIENCE).until(() -> a.getBean(Leadership.class).isLeader());
			instance("b", "/endpoint-yield").run((b) -> {
				LeaderEndpoint endpoint = a.getBean(LeaderEndpoint.class);
				await().atMost(PATIENCE).until(() -> endpoint.election("default").participants().size() == 2);
				LeaderWorkRun running = a.getBean(ElectionRegistry.class).begin("default");
				assertThat(running).isNotNull();
				long asking = System.nanoTime();
				assertThat(endpoint.act("default", "yield").yielding()).isTrue();
				// The drain may take up to leader.shutdown.drain-timeout (10 s); the
				// request
				// does not wait for it.
				assertThat(Duration.ofNanos(System.nanoTime() - asking)).isLessThan(Duration.ofSeconds(2));
				await().during(Duration.ofMillis(500))
					.atMost(PATIENCE)
					.until(() -> !b.getBean(Leadership.class).isLeader());
				running.end();
				await().atMost(PATIENCE).until(() -> b.getBean(Leadership.class).isLeader());
			});
		});
	}

	@Test
	void endpointIsOnlyCreatedWhenExposed() {
		instance("a", "/unexposed").withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(LeaderEndpoint.class)
				.hasSingleBean(LeaderHealthIndicator.class));
	}

	@Test
	void healthIsUpForLeaderAndFollowerWithDetails() {
		instance("a", "/health").run((a) -> {
			await().atMost(PATIENCE).until(() -> a.getBean(Leadership.class).isLeader());
			instance("b", "/health").run((b) -> {
				await().atMost(PATIENCE).until(() -> b.getBean(Leadership.class).participants().size() == 2);
				Health leader = a.getBean(LeaderHealthIndicator.class).health();
				Health follower = b.getBean(LeaderHealthIndicator.class).health();
				assertThat(leader.getStatus()).isEqualTo(Status.UP);
				assertThat(follower.getStatus()).isEqualTo(Status.UP);
				assertThat(leader.getDetails()).containsEntry("connection", "CONNECTED");
				assertThat(electionDetails(leader)).containsEntry("role", "leader")
					.containsEntry("path", "/health")
					.containsKey("leaseRemaining");
				assertThat(electionDetails(follower)).containsEntry("role", "follower")
					.doesNotContainKey("leaseRemaining");
			});
		});
	}

	@Test
	void healthProbesOfAFollowerNeverAskZooKeeper() {
		instance("a", "/health-local").run((a) -> {
			await().atMost(PATIENCE).until(() -> a.getBean(Leadership.class).isLeader());
			instance("b", "/health-local").run((b) -> {
				await().atMost(PATIENCE).until(() -> b.getBean(Leadership.class).participants().size() == 2);
				CuratorFramework client = b.getBean(CuratorFramework.class);
				List<String> operations = new CopyOnWriteArrayList<>();
				client.getZookeeperClient().setTracerDriver(new TracerDriver() {

					@Override
					public void addTrace(String name, long time, TimeUnit unit) {
						operations.add(name);
					}

					@Override
					public void addCount(String name, int increment) {
					}

				});
				for (int i = 0; i < 20; i++) {
					assertThat(b.getBean(LeaderHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
				}
				// Only the lease's own background renewals may have gone out meanwhile.
				assertThat(operations).noneMatch((name) -> name.contains("Foreground"));
				b.getBean(Leadership.class).participants();
				assertThat(operations).anyMatch((name) -> name.contains("Foreground"));
			});
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> electionDetails(Health health) {
		return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("elections")).get("default");
	}

	@Test
	void healthIsDownWhenZooKeeperWasNeverReached() throws Exception {
		String nowhere;
		try (ServerSocket socket = new ServerSocket(0)) {
			nowhere = "127.0.0.1:" + socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("leader.zookeeper.connect-string=" + nowhere, "leader.zookeeper.startup-wait=100ms")
			.run((context) -> {
				Health health = context.getBean(LeaderHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("connection", "NOT_CONNECTED");
			});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff() {
		instance("a", "/health-off").withPropertyValues("management.health.leader.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LeaderHealthIndicator.class));
	}

	@Test
	void metricsFollowLeadershipAndLeaderOnlyCalls() throws Exception {
		instance("a", "/metrics").run((context) -> {
			Leadership leadership = context.getBean(Leadership.class);
			await().atMost(PATIENCE).until(leadership::isLeader);
			ElectionRegistry registry = context.getBean(ElectionRegistry.class);
			registry.begin("default").end();
			registry.begin("default").end();
			assertThat(value(context, "leader.status", "election:default")).isEqualTo(1.0);
			assertThat(value(context, "leader.transitions", "change:granted")).isEqualTo(1.0);
			assertThat(value(context, "leader.only.invocations", "outcome:executed")).isEqualTo(2.0);
			assertThat(value(context, "leader.acquisition", "election:default")).isEqualTo(1.0);
			// Alone in the election, it leads again at once after yielding.
			leadership.yieldLeadership();
			assertThat(value(context, "leader.transitions", "reason:" + RevocationReason.YIELDED)).isEqualTo(1.0);
			assertThat(value(context, "leader.tenure", "election:default")).isEqualTo(1.0);
			await().atMost(PATIENCE).until(() -> value(context, "leader.transitions", "change:granted") == 2.0);
			zookeeper.server().stop();
			try {
				await().atMost(PATIENCE).until(() -> value(context, "leader.status", "election:default") == 0.0);
				assertThat(registry.begin("default")).isNull();
				assertThat(value(context, "leader.only.invocations", "outcome:skipped")).isEqualTo(1.0);
			}
			finally {
				zookeeper.server().restart();
			}
			await().atMost(PATIENCE)
				.until(() -> value(context, "leader.zookeeper.connection.changes", "state:RECONNECTED") >= 1.0);
			assertThat(value(context, "leader.zookeeper.connection.changes", "state:SUSPENDED")).isEqualTo(1.0);
		});
	}

	// The first measurement (COUNT or VALUE), as GET /actuator/metrics/{name}?tag=...
	// answers.
	private static double value(AssertableApplicationContext context, String name, String... tags) {
		MetricsEndpoint.MetricDescriptor metric = context.getBean(MetricsEndpoint.class)
			.metric(name, new ArrayList<>(List.of(tags)));
		return (metric != null) ? metric.getMeasurements().get(0).getValue() : -1;
	}

}
