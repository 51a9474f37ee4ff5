package dev.zkleader.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.test.EmbeddedZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample application, with web servers on random ports, on a real
 * ZooKeeper server: the starter's own {@link EmbeddedZooKeeper}, in this test's context,
 * which holds nothing else. The instance's end is recorded instead of performed here (the
 * failover demo test ends real processes).
 */
@SpringBootTest(classes = SampleApplicationTests.ZooKeeperOnly.class, webEnvironment = WebEnvironment.NONE)
@EmbeddedZooKeeper
@DirtiesContext
class SampleApplicationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Value("${leader.zookeeper.connect-string}")
	private String connectString;

	private final List<Instance> instances = new ArrayList<>();

	private String path;

	@BeforeEach
	void choosePath(TestInfo test) {
		this.path = "/sample-test/" + test.getTestMethod().orElseThrow().getName();
	}

	@AfterEach
	void closeInstances() {
		this.instances.forEach((instance) -> instance.context.close());
	}

	private Instance start(String id, String... properties) {
		RecordingTerminator terminator = new RecordingTerminator();
		// Command-line arguments, as an operator would pass them: they override
		// application.yml.
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--leader.zookeeper.connect-string=" + this.connectString, "--leader.participant-id=" + id,
				"--leader.path=" + this.path, "--leader.zookeeper.session-timeout=3s"));
		List.of(properties).forEach((property) -> args.add("--" + property));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("terminator", terminator))
			.run(args.toArray(String[]::new));
		Instance instance = new Instance(id, context, terminator);
		this.instances.add(instance);
		return instance;
	}

	private Instance awaitLeader() {
		await().atMost(PATIENCE).until(() -> this.instances.stream().filter(Instance::leads).count() == 1);
		return this.instances.stream().filter(Instance::leads).findFirst().orElseThrow();
	}

	@Test
	void leaderJobRunsOnlyOnTheLeaderAndBothInstancesAreHealthy() throws Exception {
		start("one");
		start("two");
		Instance leader = awaitLeader();
		Instance follower = this.instances.stream().filter((instance) -> instance != leader).findFirst().get();
		await().atMost(PATIENCE).until(() -> leader.job().runs() >= 2);
		assertThat(follower.job().runs()).isZero();
		for (Instance instance : this.instances) {
			HttpResponse<String> health = instance.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void namedJobsSpreadOverTwoInstancesWithBalancingAndRunOnlyOnTheirLeaders() {
		String[] balanced = { "sample.named-jobs=true", "leader.balance.enabled=true",
				"leader.balance.settle-delay=200ms", "leader.balance.min-tenure=0s" };
		Instance one = start("one", balanced);
		await().atMost(PATIENCE).until(() -> led(one) == NamedJobs.ELECTIONS.size());
		Instance two = start("two", balanced);
		await().atMost(PATIENCE).until(() -> led(one) == 3 && led(two) == 3);
		for (String election : NamedJobs.ELECTIONS) {
			Instance leader = one.leads(election) ? one : two;
			Instance follower = (leader == one) ? two : one;
			long before = follower.jobs().runs(election);
			await().atMost(PATIENCE).until(() -> leader.jobs().runs(election) >= 2);
			assertThat(follower.jobs().runs(election)).as(election).isEqualTo(before);
		}
	}

	private static long led(Instance instance) {
		return NamedJobs.ELECTIONS.stream().filter(instance::leads).count();
	}

	@Test
	void operatorsSeeWhoLeadsAndMoveLeadershipOverHttp() throws Exception {
		start("one");
		start("two");
		Instance leader = awaitLeader();
		Instance follower = this.instances.stream().filter((instance) -> instance != leader).findFirst().get();
		await().atMost(PATIENCE)
			.until(() -> follower.get("/actuator/leader/default")
				.body()
				.contains("\"participants\":[\"" + leader.id() + "\",\"" + follower.id() + "\"]"));
		HttpResponse<String> elections = follower.get("/actuator/leader");
		assertThat(elections.statusCode()).isEqualTo(200);
		assertThat(elections.body()).contains("\"leader\":false").contains("\"leaderId\":\"" + leader.id() + "\"");
		assertThat(leader.get("/actuator/metrics/leader.status?tag=election:default").body()).contains("\"value\":1.0");
		assertThat(leader.get("/actuator/health").body()).contains("\"leader\":{").contains("\"role\":\"leader\"");
		HttpResponse<String> yielded = leader.post("/actuator/leader/default", "{\"action\":\"yield\"}");
		assertThat(yielded.statusCode()).isEqualTo(200);
		// The answer comes at once; the yield drains running work in the background.
		assertThat(yielded.body()).contains("\"yielding\":true");
		await().atMost(PATIENCE).until(follower::leads);
		assertThat(leader.get("/actuator/leader/default").body()).contains("\"leader\":false");
		assertThat(leader.post("/actuator/leader/default", "{\"action\":\"abdicate\"}").statusCode()).isEqualTo(400);
		assertThat(leader.get("/actuator/leader/no-such-election").statusCode()).isEqualTo(404);
	}

	@Test
	void crashAfterLeadingEndsOnlyTheLeaderAndOnlyAfterItLed() {
		start("one", "sample.crash-after-leading=300ms");
		start("two", "sample.crash-after-leading=300ms");
		Instance leader = awaitLeader();
		Instant leaderSince = leader.leadership().leaderSince().orElseThrow();
		Instance follower = this.instances.stream().filter((instance) -> instance != leader).findFirst().get();
		// The follower takes part in the election, armed alike: it could lead.
		await().atMost(PATIENCE).until(() -> follower.leadership().participants().size() == 2);
		await().atMost(PATIENCE).until(() -> leader.terminator.crashes.get() == 1);
		assertThat(leader.terminator.exits).hasValue(0);
		assertThat(leader.terminator.crashedAt.get()).isAfterOrEqualTo(leaderSince.plusMillis(250));
		// Well past its own delay, the follower that has not led has not crashed.
		await().during(Duration.ofSeconds(1))
			.atMost(PATIENCE)
			.until(() -> !follower.leads() && follower.terminator.crashes.get() == 0);

		// End the leader as the crash would have: now the follower leads, and crashes
		// only after it has led for its delay.
		leader.context().close();
		await().atMost(PATIENCE).until(follower::leads);
		Instant followerSince = follower.leadership().leaderSince().orElseThrow();
		await().atMost(PATIENCE).until(() -> follower.terminator.crashes.get() == 1);
		assertThat(follower.terminator.crashedAt.get()).isAfterOrEqualTo(followerSince.plusMillis(250));
		assertThat(follower.terminator.exits).hasValue(0);
	}

	@Test
	void exitAfterLeadingEndsTheLeaderGracefully() {
		Instance only = start("one", "sample.exit-after-leading=300ms");
		await().atMost(PATIENCE).until(() -> only.terminator.exits.get() == 1);
		assertThat(only.terminator.crashes).hasValue(0);
	}

	@Test
	void revokedLeadershipCancelsThePendingEnd() {
		// Both run before the armed one leads, so that no start-up comes between its
		// grant and its yield: the yield comes well before its end is due.
		Instance other = start("two");
		await().atMost(PATIENCE).until(other::leads);
		Instance first = start("one", "sample.crash-after-leading=3s");
		await().atMost(PATIENCE).until(() -> other.leadership().participants().size() == 2);
		assertThat(other.leadership().yieldLeadership()).isTrue();
		await().atMost(PATIENCE).until(first::leads);
		assertThat(first.leadership().yieldLeadership()).isTrue();
		await().atMost(PATIENCE).until(other::leads);
		// Past the moment the end was due.
		await().during(Duration.ofSeconds(4)).atMost(PATIENCE).until(() -> first.terminator.crashes.get() == 0);
	}

	private record Instance(String id, ConfigurableApplicationContext context, RecordingTerminator terminator) {

		boolean leads() {
			return this.context.isActive() && leadership().isLeader();
		}

		Leadership leadership() {
			return this.context.getBean(Leadership.class);
		}

		boolean leads(String election) {
			return this.context.isActive() && this.context.getBean(LeaderElections.class).get(election).isLeader();
		}

		LeaderJob job() {
			return this.context.getBean(LeaderJob.class);
		}

		NamedJobs jobs() {
			return this.context.getBean(NamedJobs.class);
		}

		HttpResponse<String> get(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).build());
		}

		HttpResponse<String> post(String path, String json) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build());
		}

		private URI uri(String path) {
			return URI
				.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
		}

		private static HttpResponse<String> send(HttpRequest request) throws Exception {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ZooKeeperOnly {

	}

	static class RecordingTerminator implements Terminator {

		final AtomicInteger crashes = new AtomicInteger();

		final AtomicReference<Instant> crashedAt = new AtomicReference<>();

		final AtomicInteger exits = new AtomicInteger();

		@Override
		public void crash() {
			this.crashedAt.compareAndSet(null, Instant.now());
			this.crashes.incrementAndGet();
		}

		@Override
		public void exit() {
			this.exits.incrementAndGet();
		}

	}

}
