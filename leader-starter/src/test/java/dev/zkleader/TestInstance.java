package dev.zkleader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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

	// Kept, so that tests can still read what the work did after the context closed.
	private final LongWork longWork;

	private TestInstance(String id, ConfigurableApplicationContext context) {
		this.id = id;
		this.context = context;
		this.recorder = context.getBean(EventRecorder.class);
		this.longWork = context.getBean(LongWork.class);
	}

	public static TestInstance start(String id, String connectString, String path, String... properties) {
		return start(id, connectString, path, List.of(), properties);
	}

	public static TestInstance start(String id, String connectString, String path, List<Class<?>> configurations,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("leader.zookeeper.connect-string=" + connectString,
				"leader.path=" + path, "leader.participant-id=" + id, "leader.zookeeper.session-timeout=3s",
				"leader.zookeeper.retry.base-sleep=100ms", "leader.zookeeper.retry.max-sleep=1s"));
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(InstanceConfiguration.class));
		sources.addAll(configurations);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
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

	public LongWork longWork() {
		return this.longWork;
	}

	public ReportsWork reportsWork() {
		return this.context.getBean(ReportsWork.class);
	}

	public LeaderElections elections() {
		return this.context.getBean(LeaderElections.class);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
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

	/**
	 * Events of the default election, in order.
	 * @return the events
	 */
	public List<LeadershipEvent> events() {
		return defaultElectionEvents().toList();
	}

	/**
	 * Events of every election, in order.
	 * @return the events
	 */
	public List<LeadershipEvent> allEvents() {
		return List.copyOf(this.recorder.events);
	}

	private Stream<LeadershipEvent> defaultElectionEvents() {
		return allEvents().stream().filter((event) -> LeaderElections.DEFAULT.equals(event.getElection()));
	}

	/**
	 * Granted events of the default election.
	 * @return how many
	 */
	public long granted() {
		return defaultElectionEvents().filter(LeadershipGrantedEvent.class::isInstance).count();
	}

	/**
	 * Reasons of the revoked events of the default election.
	 * @return the reasons, in order
	 */
	public List<RevocationReason> revocations() {
		return defaultElectionEvents().filter(LeadershipRevokedEvent.class::isInstance)
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
		LongWork longWork() {
			return new LongWork();
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
			List<LeadershipEvent> own = this.events.stream()
				.filter((event) -> LeaderElections.DEFAULT.equals(event.getElection()))
				.toList();
			return !own.isEmpty() && own.get(own.size() - 1) instanceof LeadershipGrantedEvent;
		}

	}

	/**
	 * Leader-only work annotated on the class.
	 */
	public static class ClassWork {

		private final AtomicInteger runs = new AtomicInteger();

		private final AtomicInteger runsBeforeGrantedEvent = new AtomicInteger();

		private volatile long firstRunAt;

		private final EventRecorder recorder;

		ClassWork(EventRecorder recorder) {
			this.recorder = recorder;
		}

		@LeaderOnly
		public @Nullable Integer run() {
			if (!this.recorder.lastEventIsGranted()) {
				this.runsBeforeGrantedEvent.incrementAndGet();
			}
			if (this.runs.get() == 0) {
				this.firstRunAt = System.nanoTime();
			}
			return this.runs.incrementAndGet();
		}

		public int runs() {
			return this.runs.get();
		}

		/**
		 * When the first run started.
		 * @return {@link System#nanoTime()} at the first run, 0 before it
		 */
		public long firstRunAt() {
			return this.firstRunAt;
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
	 * Leader-only work that runs until the test releases it, or until it loses
	 * leadership.
	 */
	public static class LongWork {

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile long token;

		private volatile long endedAt;

		private volatile boolean interruptedAtEnd;

		/**
		 * Runs until released; returns how it ended.
		 * @param ignoreInterrupts whether to keep going when interrupted, watching
		 * {@link LeadershipContext#stillLeading()} instead
		 * @return {@code released}, {@code interrupted} or {@code lost leadership}
		 */
		@LeaderOnly
		public @Nullable String run(boolean ignoreInterrupts) {
			this.token = LeadershipContext.currentToken().orElseThrow();
			this.started.countDown();
			try {
				while (true) {
					try {
						if (this.release.await(10, TimeUnit.MILLISECONDS)) {
							return "released";
						}
					}
					catch (InterruptedException ex) {
						if (!ignoreInterrupts) {
							return "interrupted";
						}
					}
					if (ignoreInterrupts && !LeadershipContext.stillLeading()) {
						return "lost leadership";
					}
				}
			}
			finally {
				this.interruptedAtEnd = Thread.currentThread().isInterrupted();
				this.endedAt = System.nanoTime();
			}
		}

		public boolean awaitStarted() throws InterruptedException {
			return this.started.await(30, TimeUnit.SECONDS);
		}

		public void release() {
			this.release.countDown();
		}

		public long token() {
			return this.token;
		}

		public long endedAt() {
			return this.endedAt;
		}

		public boolean interruptedAtEnd() {
			return this.interruptedAtEnd;
		}

	}

	/**
	 * Adds leader-only work of the named election {@code reports}.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class ReportsConfiguration {

		@Bean
		ReportsWork reportsWork() {
			return new ReportsWork();
		}

	}

	/**
	 * Leader-only work of the named election {@code reports}.
	 */
	public static class ReportsWork {

		private final AtomicInteger runs = new AtomicInteger();

		@LeaderOnly("reports")
		public @Nullable String run() {
			this.runs.incrementAndGet();
			return LeadershipContext.currentElection().orElseThrow();
		}

		public int runs() {
			return this.runs.get();
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
