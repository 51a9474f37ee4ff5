package dev.zkleader.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import dev.zkleader.LeaderOnly;
import dev.zkleader.gate.LeaderOnlyObserver;
import dev.zkleader.observation.LeaderOnlyObservations;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the gate observes its calls, and that it leaves them alone otherwise. Election is
 * off here, so every call is a skip.
 */
class LeaderObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class,
				LeaderObservationAutoConfiguration.class))
		.withUserConfiguration(WorkConfiguration.class)
		.withPropertyValues("leader.enabled=false");

	@Test
	void observesCallsWhenTheApplicationHasAnObservationRegistry() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			assertThat(context).hasSingleBean(LeaderOnlyObservations.class);
			context.getBean(Work.class).run();
			assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("leader.only.execution")
				.that()
				.hasLowCardinalityKeyValue("outcome", "skipped");
		});
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(LeaderOnlyObserver.class);
			assertThat(context.getBean(Work.class).run()).isNull();
		});
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LeaderOnlyObserver.class);
			assertThat(context.getBean(Work.class).run()).isNull();
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAnObserver() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(LeaderOnlyObserver.class, CountingObserver::new)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LeaderOnlyObservations.class);
				context.getBean(Work.class).run();
				assertThat(context.getBean(CountingObserver.class).skipped).hasValue(1);
			});
	}

	@Test
	void gateNeverCallsAnObserverThatDoesNotObserve() {
		this.contextRunner.withBean(LeaderOnlyObserver.class, () -> new CountingObserver(false)).run((context) -> {
			Work work = context.getBean(Work.class);
			work.run();
			work.run();
			assertThat(context.getBean(CountingObserver.class).skipped).hasValue(0);
		});
	}

	@Test
	void observationsObserveOnlyARegistryWithHandlers() {
		assertThat(new LeaderOnlyObservations(ObservationRegistry.NOOP, null).observes()).isFalse();
		ObservationRegistry withoutHandlers = ObservationRegistry.create();
		assertThat(new LeaderOnlyObservations(withoutHandlers, null).observes()).isFalse();
		ObservationRegistry withHandler = ObservationRegistry.create();
		withHandler.observationConfig().observationHandler((ObservationHandler<?>) (context) -> true);
		assertThat(new LeaderOnlyObservations(withHandler, null).observes()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class WorkConfiguration {

		@Bean
		Work work() {
			return new Work();
		}

	}

	// Public: the FilteredClassLoader's proxy class must be able to extend it.
	public static class Work {

		@LeaderOnly
		public @Nullable String run() {
			return "ran";
		}

	}

	static class CountingObserver implements LeaderOnlyObserver {

		final AtomicInteger skipped = new AtomicInteger();

		private final boolean observes;

		CountingObserver() {
			this(true);
		}

		CountingObserver(boolean observes) {
			this.observes = observes;
		}

		@Override
		public boolean observes() {
			return this.observes;
		}

		@Override
		public @Nullable Object executed(String election, MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

		@Override
		public void skipped(String election, MethodInvocation invocation) {
			this.skipped.incrementAndGet();
		}

	}

}
