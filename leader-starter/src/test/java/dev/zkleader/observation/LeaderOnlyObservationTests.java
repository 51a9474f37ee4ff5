package dev.zkleader.observation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import dev.zkleader.Leadership;
import dev.zkleader.ZooKeeperInstances;
import dev.zkleader.autoconfigure.LeaderAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderObservationAutoConfiguration;
import dev.zkleader.autoconfigure.LeaderOnlyAutoConfiguration;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@code @LeaderOnly} calls as {@code leader.only.execution} observations, recorded by a
 * {@link TestObservationRegistry}, on a leader and a follower of a real election.
 */
class LeaderOnlyObservationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@RegisterExtension
	static final ZooKeeperInstances zookeeper = new ZooKeeperInstances("/observation");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LeaderAutoConfiguration.class, LeaderOnlyAutoConfiguration.class,
				LeaderObservationAutoConfiguration.class))
		.withUserConfiguration(WorkConfiguration.class)
		.withPropertyValues("leader.zookeeper.session-timeout=3s");

	private ApplicationContextRunner instance(String id) {
		return this.contextRunner.withPropertyValues("leader.zookeeper.connect-string=" + zookeeper.connectString(),
				"leader.participant-id=" + id, "leader.path=" + zookeeper.path());
	}

	@Test
	void callOnTheLeaderIsObservedAroundItsRunWithTheObservationInScope() {
		instance("a").run((context) -> {
			await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			Work work = context.getBean(Work.class);
			assertThat(work.run()).isEqualTo("ran");
			Observation current = work.observationDuringRun();
			assertThat(current).isNotNull();
			assertThat(current.getContext()).isInstanceOf(LeaderOnlyObservationContext.class);
			assertThat(registry).hasNumberOfObservationsWithNameEqualTo("leader.only.execution", 1)
				.hasObservationWithNameEqualTo("leader.only.execution")
				.that()
				.hasContextualNameEqualTo("leader-only run")
				.hasLowCardinalityKeyValue("election", "default")
				.hasLowCardinalityKeyValue("outcome", "executed")
				.hasLowCardinalityKeyValue("exception", "none")
				.hasHighCardinalityKeyValue("code.namespace", Work.class.getName())
				.hasHighCardinalityKeyValue("code.function", "run")
				.hasBeenStarted()
				.hasBeenStopped();
		});
	}

	@Test
	void skippedCallOnAFollowerIsAnObservationOfItsOwn() {
		instance("a").run((leader) -> {
			await().atMost(PATIENCE).until(() -> leader.getBean(Leadership.class).isLeader());
			instance("b").run((follower) -> {
				await().atMost(PATIENCE).until(() -> follower.getBean(Leadership.class).participants().size() == 2);
				Work work = follower.getBean(Work.class);
				assertThat(work.run()).isNull();
				assertThat(work.runs()).isZero();
				assertThat(follower.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsWithNameEqualTo("leader.only.execution", 1)
					.hasObservationWithNameEqualTo("leader.only.execution")
					.that()
					.hasLowCardinalityKeyValue("election", "default")
					.hasLowCardinalityKeyValue("outcome", "skipped")
					.hasBeenStarted()
					.hasBeenStopped();
				assertThat(leader.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
			});
		});
	}

	@Test
	void failedCallRecordsItsException() {
		instance("a").run((context) -> {
			await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
			assertThatIllegalStateException().isThrownBy(() -> context.getBean(Work.class).fail());
			assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("leader.only.execution")
				.that()
				.hasLowCardinalityKeyValue("outcome", "executed")
				.hasLowCardinalityKeyValue("exception", "IllegalStateException")
				.hasError()
				.hasBeenStopped();
		});
	}

	@Test
	void namedElectionIsTheElectionKey() {
		instance("a").run((context) -> {
			Leadership reports = context.getBean(LeaderElections.class).get("reports");
			await().atMost(PATIENCE).until(reports::isLeader);
			context.getBean(Work.class).report();
			assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("leader.only.execution")
				.that()
				.hasLowCardinalityKeyValue("election", "reports")
				.hasLowCardinalityKeyValue("outcome", "executed");
		});
	}

	@Test
	void userConventionNamesTheObservation() {
		instance("a").withBean(LeaderOnlyObservationConvention.class, RenamingConvention::new).run((context) -> {
			await().atMost(PATIENCE).until(() -> context.getBean(Leadership.class).isLeader());
			context.getBean(Work.class).run();
			assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("billing.leader.job")
				.that()
				.hasLowCardinalityKeyValue("outcome", "executed")
				.hasLowCardinalityKeyValue("team", "billing");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class WorkConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		Work work(ObservationRegistry observationRegistry) {
			return new Work(observationRegistry);
		}

	}

	static class Work {

		private final AtomicReference<@Nullable Observation> observationDuringRun = new AtomicReference<>();

		private final AtomicInteger runs = new AtomicInteger();

		private final ObservationRegistry registry;

		Work(ObservationRegistry registry) {
			this.registry = registry;
		}

		@LeaderOnly
		public @Nullable String run() {
			this.runs.incrementAndGet();
			this.observationDuringRun.set(this.registry.getCurrentObservation());
			return "ran";
		}

		@LeaderOnly
		public void fail() {
			throw new IllegalStateException("the job failed");
		}

		@LeaderOnly("reports")
		public void report() {
		}

		// Not gated: read through the proxy, whose own fields are unset.
		public @Nullable Observation observationDuringRun() {
			return this.observationDuringRun.get();
		}

		public int runs() {
			return this.runs.get();
		}

	}

	static class RenamingConvention extends DefaultLeaderOnlyObservationConvention {

		@Override
		public String getName() {
			return "billing.leader.job";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(LeaderOnlyObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and("team", "billing");
		}

	}

}
