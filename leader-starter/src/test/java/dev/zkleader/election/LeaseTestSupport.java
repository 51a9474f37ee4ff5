package dev.zkleader.election;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.zkleader.LeaderOnly;
import dev.zkleader.LeadershipContext;
import dev.zkleader.TestInstance;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionStateErrorPolicy;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.framework.state.StandardConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What the lease tests share: leader-only work that records when and under which token
 * each run started, a caller that keeps calling it, and users' own clients with either of
 * Curator's connection error policies.
 */
final class LeaseTestSupport {

	private LeaseTestSupport() {
	}

	static StampedWork stampedWork(TestInstance instance) {
		return instance.context().getBean(StampedWork.class);
	}

	static Confirmation confirmation(TestInstance instance) {
		Confirmation confirmation = ((Election) instance.leadership()).confirmation();
		if (confirmation == null) {
			throw new IllegalStateException(instance + " has no confirmation");
		}
		return confirmation;
	}

	/**
	 * Where the client comes from: the starter, or the application with one of Curator's
	 * error policies.
	 */
	enum ClientKind {

		STARTERS_OWN(List.of(StampedWorkConfiguration.class)),

		USERS_WITH_STANDARD_POLICY(List.of(StampedWorkConfiguration.class, StandardPolicyClient.class)),

		USERS_WITH_SESSION_POLICY(List.of(StampedWorkConfiguration.class, SessionPolicyClient.class));

		private final List<Class<?>> configurations;

		ClientKind(List<Class<?>> configurations) {
			this.configurations = configurations;
		}

		List<Class<?>> configurations() {
			return this.configurations;
		}

	}

	/**
	 * One run of {@link StampedWork}.
	 *
	 * @param start when it started
	 * @param startNanos {@link System#nanoTime()} when it started
	 * @param token the token it ran under
	 */
	record Stamp(Instant start, long startNanos, long token) {
	}

	/**
	 * Leader-only work that records every run.
	 */
	public static class StampedWork {

		private final List<Stamp> runs = new CopyOnWriteArrayList<>();

		@LeaderOnly
		public @Nullable Long run() {
			long token = LeadershipContext.currentToken().orElseThrow();
			this.runs.add(new Stamp(Instant.now(), System.nanoTime(), token));
			return token;
		}

		List<Stamp> runs() {
			return List.copyOf(this.runs);
		}

		List<Stamp> runsSince(Instant time) {
			return this.runs.stream().filter((stamp) -> !stamp.start().isBefore(time)).toList();
		}

	}

	/**
	 * Calls {@link StampedWork#run()} every millisecond or so until closed, as a busy
	 * scheduler would.
	 */
	static final class Caller implements AutoCloseable {

		private final ExecutorService executor = Executors.newSingleThreadExecutor();

		private volatile boolean stopped;

		Caller(StampedWork work) {
			this.executor.execute(() -> {
				while (!this.stopped) {
					work.run();
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
			});
		}

		@Override
		public void close() throws InterruptedException {
			this.stopped = true;
			this.executor.shutdown();
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StampedWorkConfiguration {

		@Bean
		StampedWork stampedWork() {
			return new StampedWork();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StandardPolicyClient {

		@Bean(destroyMethod = "close")
		CuratorFramework usersCuratorFramework(Environment environment) {
			return startedClient(environment, new StandardConnectionStateErrorPolicy());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SessionPolicyClient {

		@Bean(destroyMethod = "close")
		CuratorFramework usersCuratorFramework(Environment environment) {
			return startedClient(environment, new SessionConnectionStateErrorPolicy());
		}

	}

	private static CuratorFramework startedClient(Environment environment, ConnectionStateErrorPolicy policy) {
		CuratorFramework client = CuratorFrameworkFactory.builder()
			.connectString(environment.getRequiredProperty("leader.zookeeper.connect-string"))
			.sessionTimeoutMs(
					(int) environment.getRequiredProperty("leader.zookeeper.session-timeout", java.time.Duration.class)
						.toMillis())
			.retryPolicy(new ExponentialBackoffRetry(100, 3, 1000))
			.connectionStateErrorPolicy(policy)
			.build();
		client.start();
		return client;
	}

}
