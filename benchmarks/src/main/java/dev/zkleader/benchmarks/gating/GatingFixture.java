package dev.zkleader.benchmarks.gating;

import java.time.Duration;

import dev.zkleader.Leadership;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.benchmarks.support.Logging;
import dev.zkleader.benchmarks.support.OperationCounter;
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
 * bean; plus the same bean unproxied and behind a pass-through proxy, to tell the cost of
 * Spring's proxy from the gate's own.
 */
public final class GatingFixture implements AutoCloseable {

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

	private final TestingServer server;

	private final ConfigurableApplicationContext leader;

	private final ConfigurableApplicationContext follower;

	private final GatedWork plain = new GatedWork();

	private final GatedWork passThrough;

	private GatingFixture(TestingServer server, ConfigurableApplicationContext leader,
			ConfigurableApplicationContext follower) {
		this.server = server;
		this.leader = leader;
		this.follower = follower;
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
		ConfigurableApplicationContext leader = context(server, "leader");
		if (!leader.getBean(Leadership.class).awaitLeadership(Duration.ofSeconds(60))) {
			throw new IllegalStateException("The first instance did not become leader");
		}
		ConfigurableApplicationContext follower = context(server, "follower");
		if (follower.getBean(Leadership.class).isLeader()) {
			throw new IllegalStateException("The second instance must not lead");
		}
		return new GatingFixture(server, leader, follower);
	}

	private static ConfigurableApplicationContext context(TestingServer server, String id) {
		return new SpringApplicationBuilder(GatingApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.run("--spring.application.name=gating", "--logging.level.root=WARN",
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

}
