package dev.zkleader.benchmarks.participant;

import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.integration.zookeeper.config.LeaderInitiatorFactoryBean;

/**
 * Spring Integration: a Spring Boot application with a Curator client bean and a
 * {@code LeaderInitiator} (through its factory bean, as Spring Integration documents),
 * and {@code @EventListener}s for {@link OnGrantedEvent} and {@link OnRevokedEvent},
 * which also open and close the gate of its leader-only work. Leaving closes the
 * application context, as a normal shutdown does.
 */
final class SpringIntegrationMembership implements Membership {

	/**
	 * The candidate's role: Spring Integration elects under {@code <path>/<role>}.
	 */
	static final String ROLE = "benchmark";

	private final Settings settings;

	private @Nullable ConfigurableApplicationContext context;

	private EventProbe probe = new EventProbe();

	private WorkGate gate;

	SpringIntegrationMembership(Settings settings) {
		this.settings = settings;
		this.gate = new WorkGate(settings);
	}

	@Override
	public void join() {
		Settings current = this.settings;
		EventProbe newProbe = new EventProbe();
		this.probe = newProbe;
		WorkGate newGate = new WorkGate(current);
		this.gate = newGate;
		this.context = new SpringApplicationBuilder(SpringIntegrationApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.initializers((ApplicationContextInitializer<GenericApplicationContext>) (context) -> {
				context.registerBean(EventProbe.BEAN_NAME, EventProbe.class, () -> newProbe);
				context.registerBean(Settings.class, () -> current);
				context.registerBean(LeadershipRecorder.class, () -> new LeadershipRecorder(newGate));
			})
			.run(current.springArguments("--spring.application.name=benchmark"));
	}

	@Override
	public boolean runAsLeader(Runnable work) {
		return this.gate.run(work);
	}

	@Override
	public long grantPublishedMicros() {
		return this.probe.grantPublishedMicros();
	}

	@Override
	public long revokePublishedMicros() {
		return this.probe.revokePublishedMicros();
	}

	@Override
	public long contextClosedMicros() {
		return this.probe.contextClosedMicros();
	}

	@Override
	public int negotiatedSessionTimeoutMillis() throws Exception {
		return current().getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper().getSessionTimeout();
	}

	@Override
	public void leave() {
		current().close();
		this.context = null;
	}

	private ConfigurableApplicationContext current() {
		ConfigurableApplicationContext current = this.context;
		if (current == null) {
			throw new IllegalStateException("Not joined");
		}
		return current;
	}

	@Configuration(proxyBeanMethods = false)
	static class SpringIntegrationApplication {

		@Bean(destroyMethod = "close")
		CuratorFramework curatorFramework(Settings settings) throws InterruptedException {
			return settings.newClient();
		}

		@Bean
		LeaderInitiatorFactoryBean leaderInitiator(CuratorFramework client, Settings settings) {
			return new LeaderInitiatorFactoryBean().setClient(client)
				.setPath(settings.path())
				.setCandidate(new DefaultCandidate(settings.id(), ROLE));
		}

	}

	/**
	 * Opens and closes the gate on Spring Integration's events, which it reports.
	 */
	static class LeadershipRecorder {

		private final WorkGate gate;

		LeadershipRecorder(WorkGate gate) {
			this.gate = gate;
		}

		@EventListener
		void granted(OnGrantedEvent event) {
			this.gate.granted();
		}

		@EventListener
		void revoked(OnRevokedEvent event) {
			this.gate.revoked();
		}

	}

}
