package dev.zkleader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * One application instance in a test: a real Spring Boot context with the starter, a leader-only bean on a class
 * and one on an interface, and a recorder of leadership events.
 */
public final class TestInstance implements AutoCloseable {

	private final String id;

	private final ConfigurableApplicationContext context;

	private TestInstance(String id, ConfigurableApplicationContext context) {
		this.id = id;
		this.context = context;
	}

	public static TestInstance start(String id, String connectString, String path, String... properties) {
		List<String> all = new ArrayList<>(List.of("leader.zookeeper.connect-string=" + connectString,
				"leader.path=" + path, "leader.participant-id=" + id, "leader.zookeeper.session-timeout=3s",
				"leader.zookeeper.retry.base-sleep=100ms", "leader.zookeeper.retry.max-sleep=1s"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(InstanceConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
		return new TestInstance(id, context);
	}

	public String id() {
		return this.id;
	}

	public Leadership leadership() {
		return this.context.getBean(Leadership.class);
	}

	public CuratorFramework client() {
		return this.context.getBean(CuratorFramework.class);
	}

	public ClassWork work() {
		return this.context.getBean(ClassWork.class);
	}

	public InterfaceWork interfaceWork() {
		return this.context.getBean(InterfaceWork.class);
	}

	public List<LeadershipEvent> events() {
		return List.copyOf(this.context.getBean(EventRecorder.class).events);
	}

	public long granted() {
		return events().stream().filter(LeadershipGrantedEvent.class::isInstance).count();
	}

	public List<RevocationReason> revocations() {
		return events().stream()
			.filter(LeadershipRevokedEvent.class::isInstance)
			.map((event) -> ((LeadershipRevokedEvent) event).getReason())
			.toList();
	}

	public boolean isRunning() {
		return this.context.isActive();
	}

	@Override
	public void close() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	@Override
	public String toString() {
		return this.id;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, LeaderAutoConfiguration.class,
			LeaderOnlyAutoConfiguration.class })
	static class InstanceConfiguration {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

		@Bean
		ClassWork classWork() {
			return new ClassWork();
		}

		@Bean
		InterfaceWork interfaceWork() {
			return new DefaultInterfaceWork();
		}

	}

	static class EventRecorder {

		final List<LeadershipEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(LeadershipEvent event) {
			this.events.add(event);
		}

	}

	/**
	 * Leader-only work annotated on the class.
	 */
	public static class ClassWork {

		private final AtomicInteger runs = new AtomicInteger();

		@LeaderOnly
		public @Nullable Integer run() {
			return this.runs.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

	}

	/**
	 * Leader-only work annotated on an interface method.
	 */
	public interface InterfaceWork {

		@LeaderOnly
		Optional<String> run();

		int runs();

	}

	static class DefaultInterfaceWork implements InterfaceWork {

		private final AtomicInteger runs = new AtomicInteger();

		@Override
		public Optional<String> run() {
			return Optional.of("run " + this.runs.incrementAndGet());
		}

		@Override
		public int runs() {
			return this.runs.get();
		}

	}

}
