package dev.zkleader.benchmarks.gating;

import java.time.Duration;

import dev.zkleader.Leadership;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderObservationAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.benchmarks.support.Logging;
import dev.zkleader.benchmarks.support.OperationCounter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import dev.zkleader.harness.zookeeper.FourLetterWords;
import dev.zkleader.harness.zookeeper.InJvmZooKeeper;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An in-JVM ZooKeeper server (Curator's {@link TestingServer}) and two application
 * contexts with the starter, one leading and one not, each with a {@code @LeaderOnly}
 * bean; the same pair again in an election of its own with an ObservationRegistry, whose
 * calls are observations; plus the same bean unproxied and behind a pass-through proxy,
 * to tell the cost of Spring's proxy from the gate's own.
 */
public final class GatingFixture implements AutoCloseable {

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

	private final TestingServer server;

	private final ConfigurableApplicationContext leader;

	private final ConfigurableApplicationContext follower;

	private final ConfigurableApplicationContext observedLeader;

	private final ConfigurableApplicationContext observedFollower;

	private final GatedWork plain = new GatedWork();

	private final GatedWork passThrough;

	private GatingFixture(TestingServer server, ConfigurableApplicationContext leader,
			ConfigurableApplicationContext follower, ConfigurableApplicationContext observedLeader,
			ConfigurableApplicationContext observedFollower) {
		this.server = server;
		this.leader = leader;
		this.follower = follower;
		this.observedLeader = observedLeader;
		this.observedFollower = observedFollower;
		ProxyFactory factory = new ProxyFactory(new GatedWork());
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> invocation.proceed());
		this.passThrough = (GatedWork) factory.getProxy();
	}

	public static GatingFixture start() throws Exception {
		Logging.quietDriver();
		// The ZooKeeper server's counters (mntr) must be readable.
		System.setProperty("zookeeper.4lw.commands.whitelist", "*");
		// A 2 s tick allows the 30 s session: its pings come every 9 s.
		TestingServer server = InJvmZooKeeper.start(2000);
		ConfigurableApplicationContext leader = leader(server, GatingApplication.class, "gating");
		ConfigurableApplicationContext follower = follower(server, GatingApplication.class, "gating");
		ConfigurableApplicationContext observedLeader = leader(server, ObservedGatingApplication.class,
				"gating-observed");
		ConfigurableApplicationContext observedFollower = follower(server, ObservedGatingApplication.class,
				"gating-observed");
		return new GatingFixture(server, leader, follower, observedLeader, observedFollower);
	}

	private static ConfigurableApplicationContext leader(TestingServer server, Class<?> application, String name)
			throws InterruptedException {
		ConfigurableApplicationContext leader = context(server, application, name, "leader");
		if (!leader.getBean(Leadership.class).awaitLeadership(Duration.ofSeconds(60))) {
			throw new IllegalStateException("The first instance of " + name + " did not become leader");
		}
		return leader;
	}

	private static ConfigurableApplicationContext follower(TestingServer server, Class<?> application, String name) {
		ConfigurableApplicationContext follower = context(server, application, name, "follower");
		if (follower.getBean(Leadership.class).isLeader()) {
			throw new IllegalStateException("The second instance of " + name + " must not lead");
		}
		return follower;
	}

	private static ConfigurableApplicationContext context(TestingServer server, Class<?> application, String name,
			String id) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.run("--spring.application.name=" + name, "--logging.level.root=WARN",
					"--leader.zookeeper.connect-string=" + server.getConnectString(),
					"--leader.zookeeper.session-timeout=" + SESSION_TIMEOUT.toMillis() + "ms",
					"--leader.participant-id=" + id);
	}

	public String connectString() {
		return this.server.getConnectString();
	}

	/**
	 * The gated bean of the leading instance: a Spring proxy with the gate.
	 * @return the proxy
	 */
	public GatedWork onLeader() {
		return checkedProxy(this.leader.getBean(GatedWork.class));
	}

	/**
	 * The gated bean of the instance that does not lead.
	 * @return the proxy
	 */
	public GatedWork onFollower() {
		return checkedProxy(this.follower.getBean(GatedWork.class));
	}

	/**
	 * The gated bean of the leading instance of the election whose calls are observed (an
	 * ObservationRegistry that times each one with a Micrometer timer).
	 * @return the proxy
	 */
	public GatedWork onObservedLeader() {
		return checkedProxy(this.observedLeader.getBean(GatedWork.class));
	}

	/**
	 * The gated bean of the instance that does not lead the observed election.
	 * @return the proxy
	 */
	public GatedWork onObservedFollower() {
		return checkedProxy(this.observedFollower.getBean(GatedWork.class));
	}

	/**
	 * The leader's bean without its proxy: the same call, ungated.
	 * @return the target
	 */
	public GatedWork unproxied() {
		Object target = AopProxyUtils.getSingletonTarget(onLeader());
		return (target != null) ? (GatedWork) target : this.plain;
	}

	/**
	 * The same class behind a Spring proxy whose only advice proceeds.
	 * @return the proxy
	 */
	public GatedWork passThrough() {
		return this.passThrough;
	}

	public OperationCounter countOperationsOfLeader() {
		return OperationCounter.attachTo(this.leader.getBean(CuratorFramework.class));
	}

	public OperationCounter countOperationsOfFollower() {
		return OperationCounter.attachTo(this.follower.getBean(CuratorFramework.class));
	}

	public long serverPacketsReceived() {
		return FourLetterWords.monitoringValue(this.server.getPort(), "zk_packets_received");
	}

	private static GatedWork checkedProxy(GatedWork work) {
		if (!AopUtils.isAopProxy(work)) {
			throw new IllegalStateException("The @LeaderOnly bean is not proxied");
		}
		return work;
	}

	@Override
	public void close() throws Exception {
		this.observedFollower.close();
		this.observedLeader.close();
		this.follower.close();
		this.leader.close();
		this.server.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class })
	static class GatingApplication {

		@Bean
		GatedWork gatedWork() {
			return new GatedWork();
		}

	}

	/**
	 * The same, with an ObservationRegistry as Spring Boot's actuator sets it up for
	 * metrics: every observation becomes a Micrometer timer.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class,
			LeaderObservationAutoConfiguration.class })
	static class ObservedGatingApplication {

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			return registry;
		}

		@Bean
		GatedWork gatedWork() {
			return new GatedWork();
		}

	}

}
