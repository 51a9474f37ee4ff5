package dev.zkleader.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample (its {@code -exec} jar, with the classes Spring AOT generated at
 * build time) run as users would run the AOT-processed application: separate JVMs with
 * {@code -Dspring.aot.enabled=true}, on a real ZooKeeper server. Run by failsafe, after
 * the jar is built.
 */
class SampleApplicationAotTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String NATIVE_HINTS = "META-INF/native-image/dev.zkleader/leader-sample-app/"
			+ "reachability-metadata.json";

	private static TestingServer server;

	@TempDir
	Path directory;

	private final List<Instance> instances = new ArrayList<>();

	@BeforeAll
	static void startZooKeeper() throws Exception {
		server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
	}

	@AfterAll
	static void stopZooKeeper() throws IOException {
		server.close();
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(Instance::stop);
	}

	@Test
	void aotProcessedInstancesElectOneLeaderGateTheJobAndHandOver() throws Exception {
		Instance one = start("aot-1");
		Instance two = start("aot-2");
		for (Instance instance : this.instances) {
			await().atMost(PATIENCE).until(() -> instance.port() > 0);
			// Spring Boot says so when it runs the generated initializer, not the
			// reflective configuration parsing.
			assertThat(instance.log()).contains("Starting AOT-processed SampleApplication");
		}
		await().atMost(PATIENCE).until(() -> one.leads() != two.leads());
		Instance leader = one.leads() ? one : two;
		Instance follower = (leader == one) ? two : one;
		await().atMost(PATIENCE).until(() -> leader.log().contains("Leader job run #2 on " + leader.id()));
		assertThat(follower.log()).doesNotContain("Leader job run");
		assertThat(follower.get("/actuator/leader/default")).contains("\"leaderId\":\"" + leader.id() + "\"");
		assertThat(follower.get("/actuator/health")).contains("\"status\":\"UP\"");
		// The actuator's ObservationRegistry times every call, run or skipped.
		assertThat(leader.get("/actuator/metrics/leader.only.execution?tag=outcome:executed"))
			.contains("\"statistic\":\"COUNT\"");
		await().atMost(PATIENCE)
			.until(() -> follower.get("/actuator/metrics/leader.only.execution?tag=outcome:skipped")
				.contains("\"statistic\":\"COUNT\""));
		leader.stop();
		assertThat(leader.log()).contains("is no longer the leader (SHUTDOWN");
		await().atMost(PATIENCE).until(() -> follower.log().contains("Leader job run #1 on " + follower.id()));
		assertThat(follower.leads()).isTrue();
	}

	@Test
	void nativeImageHintsCoverTheGateAndTheZooKeeperClient() throws IOException {
		String hints;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(NATIVE_HINTS)) {
			assertThat(in).as(NATIVE_HINTS + " written by process-aot").isNotNull();
			hints = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(hints).contains("\"dev.zkleader.sample.LeaderJob$$SpringCGLIB$$0\"")
			.contains("\"org.apache.zookeeper.ClientCnxnSocketNIO\"")
			.contains("\"org.apache.zookeeper.ClientCnxnSocketNetty\"")
			.contains("\"dev.zkleader.autoconfigure.LeaderProperties$Zookeeper\"");
	}

	private Instance start(String id) throws IOException {
		Path log = this.directory.resolve(id + ".log");
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("the sample.jar system property (set by the build)").isNotNull();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true", "-jar", jar, "--server.port=0",
				"--spring.main.banner-mode=off", "--leader.zookeeper.connect-string=" + server.getConnectString(),
				"--leader.participant-id=" + id, "--leader.path=/sample-aot-test",
				"--leader.zookeeper.session-timeout=3s");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Instance instance = new Instance(id, process, log);
		this.instances.add(instance);
		return instance;
	}

	private record Instance(String id, Process process, Path logFile) {

		String log() {
			try {
				return Files.readString(this.logFile, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		int port() {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.id + " exited with " + this.process.exitValue() + ":\n" + log());
			}
			Matcher matcher = PORT.matcher(log());
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		}

		boolean leads() throws Exception {
			return get("/actuator/leader/default").contains("\"leader\":true");
		}

		String get(String path) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
		}

		// SIGTERM: a normal shutdown, which hands leadership over.
		void stop() {
			this.process.destroy();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

	}

}
