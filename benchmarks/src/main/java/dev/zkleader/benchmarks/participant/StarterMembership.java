package dev.zkleader.benchmarks.participant;

import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import dev.zkleader.benchmarks.support.EpochMicros;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * This starter: a Spring Boot application with the starter's auto-configuration and one
 * {@code @EventListener} each for {@link LeadershipGrantedEvent} and
 * {@link LeadershipRevokedEvent}; its leader-only work runs behind the starter's own gate
 * ({@link LeaderOnlyWork}). Leaving closes the application context, as a normal shutdown
 * does.
 */
final class StarterMembership implements Membership {

	private final Settings settings;

	private @Nullable ConfigurableApplicationContext context;

	private EventProbe probe = new EventProbe();

	private final LogProbe logProbe = new LogProbe();

	StarterMembership(Settings settings) {
		this.settings = settings;
	}

	@Override
	public void join() {
		Settings current = this.settings;
		EventProbe newProbe = new EventProbe();
		this.probe = newProbe;
		this.context = new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.initializers((ApplicationContextInitializer<GenericApplicationContext>) (context) -> {
				context.registerBean(EventProbe.BEAN_NAME, EventProbe.class, () -> newProbe);
				context.registerBean(LeadershipRecorder.class, () -> new LeadershipRecorder(current));
				context.registerBean(LeaderOnlyWork.class);
			})
			.run(this.settings.springArguments("--spring.application.name=benchmark",
					"--leader.zookeeper.connect-string=" + this.settings.connectString(),
					"--leader.zookeeper.session-timeout=" + this.settings.sessionTimeout().toMillis() + "ms",
					"--leader.path=" + this.settings.path(), "--leader.participant-id=" + this.settings.id()));
		this.settings.tracer().attachTo(current().getBean(CuratorFramework.class));
		this.logProbe.install();
	}

	@Override
	public boolean runAsLeader(Runnable work) {
		ConfigurableApplicationContext current = this.context;
		return current != null && current.getBean(LeaderOnlyWork.class).run(work) != null;
	}

	@Override
	public long grantLoggedMicros() {
		return this.logProbe.grantLoggedMicros();
	}

	@Override
	public long revokeLoggedMicros() {
		return this.logProbe.revokeLoggedMicros();
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
	@ImportAutoConfiguration({ LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class })
	static class StarterApplication {

	}

	static class LeadershipRecorder {

		private final Settings settings;

		LeadershipRecorder(Settings settings) {
			this.settings = settings;
		}

		@EventListener
		void granted(LeadershipGrantedEvent event) {
			this.settings.granted().accept(EpochMicros.now());
		}

		@EventListener
		void revoked(LeadershipRevokedEvent event) {
			this.settings.revoked().accept(EpochMicros.now());
		}

	}

}
