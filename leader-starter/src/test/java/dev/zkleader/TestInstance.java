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
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * One application instance in a test: a real Spring Boot context with the starter, a
 * leader-only bean on a class and one on an interface, and a recorder of leadership
 * events.
 */
public final class TestInstance implements AutoCloseable {

	private final String id;

	private final ConfigurableApplicationContext context;

	private final EventRecorder recorder;

	private TestInstance(String id, ConfigurableApplicationContext context) {
		this.id = id;
		this.context = context;
		this.recorder = context.getBean(EventRecorder.class);
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

	public ScheduledWork scheduledWork() {
		return this.context.getBean(ScheduledWork.class);
	}

	/**
	 * Makes this instance's granted-event listener run the given work before it records
	 * the event, as a slow listener would.
	 * @param work what the listener does
	 */
	public void onGranted(Runnable work) {
		this.recorder.beforeGrantedRecorded = work;
	}

	public List<LeadershipEvent> events() {
		return List.copyOf(this.recorder.events);
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
	@EnableScheduling
	@ImportAutoConfiguration({ AopAutoConfiguration.class, LeaderAutoConfiguration.class,
			LeaderOnlyAutoConfiguration.class })
	static class InstanceConfiguration {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

		@Bean
		ClassWork classWork(EventRecorder recorder) {
			return new ClassWork(recorder);
		}

		@Bean
		ScheduledWork scheduledWork() {
			return new ScheduledWork();
		}

		@Bean
		InterfaceWork interfaceWork() {
			return new DefaultInterfaceWork();
		}

	}

	static class EventRecorder {

		final List<LeadershipEvent> events = new CopyOnWriteArrayList<>();

		volatile Runnable beforeGrantedRecorded = () -> {
		};

		@EventListener
		void on(LeadershipEvent event) {
			if (event instanceof LeadershipGrantedEvent) {
				this.beforeGrantedRecorded.run();
			}
			this.events.add(event);
		}

		boolean lastEventIsGranted() {
			return !this.events.isEmpty() && this.events.get(this.events.size() - 1) instanceof LeadershipGrantedEvent;
		}

	}

	/**
	 * Leader-only work annotated on the class.
	 */
	public static class ClassWork {

		private final AtomicInteger runs = new AtomicInteger();

		private final AtomicInteger runsBeforeGrantedEvent = new AtomicInteger();

		private final EventRecorder recorder;

		ClassWork(EventRecorder recorder) {
			this.recorder = recorder;
		}

		@LeaderOnly
		public @Nullable Integer run() {
			if (!this.recorder.lastEventIsGranted()) {
				this.runsBeforeGrantedEvent.incrementAndGet();
			}
			return this.runs.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

		/**
		 * Runs that started while the last event this instance had received was not a
		 * granted one.
		 * @return the count, zero when the gate waits for the granted event
		 */
		public int runsBeforeGrantedEvent() {
			return this.runsBeforeGrantedEvent.get();
		}

	}

	/**
	 * Leader-only work run by the scheduler, as users write it.
	 */
	public static class ScheduledWork {

		private final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 50)
		@LeaderOnly
		public void tick() {
			this.runs.incrementAndGet();
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
