package dev.zkleader.election;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import dev.zkleader.TestInstance;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader frozen past its session (SIGSTOP, as a long GC pause or a frozen VM would) and
 * resumed starts no leader-only work: its lease ran out while it stood still, before
 * another instance could take over.
 */
class FrozenLeaderIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Test
	void aLeaderResumedAfterItsSessionStartsNoLeaderOnlyWork(@TempDir Path dir) throws Exception {
		Path journal = dir.resolve("journal.txt");
		try (TestingServer server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true)) {
			Process frozen = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), FrozenLeaderApplication.class.getName(),
					"--journal=" + journal, "--leader.zookeeper.connect-string=" + server.getConnectString(),
					"--leader.path=/frozen", "--leader.participant-id=frozen", "--leader.zookeeper.session-timeout=2s",
					"--logging.level.root=WARN")
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("frozen.log").toFile())
				.start();
			await().atMost(PATIENCE).until(() -> lines(journal).stream().anyMatch((line) -> line.startsWith("run")));
			try (TestInstance other = TestInstance.start("other", server.getConnectString(), "/frozen")) {
				await().atMost(PATIENCE).until(() -> other.leadership().participants().size() == 2);
				signal(frozen, "STOP");
				long resumed;
				try {
					// The session expires while the leader stands still; the other one
					// takes over.
					await().atMost(PATIENCE).until(() -> other.leadership().isLeader());
					await().atMost(PATIENCE).until(() -> other.work().run() != null && other.work().runs() > 20);
				}
				finally {
					resumed = System.currentTimeMillis();
					signal(frozen, "CONT");
				}
				await().atMost(PATIENCE)
					.until(() -> lines(journal).stream().anyMatch((line) -> line.startsWith("revoked")));
				// Give it time to misbehave, as the client still believes in its session
				// for
				// some hundreds of milliseconds after it resumes.
				await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> other.leadership().isLeader());
				List<Long> runsAfterResume = lines(journal).stream()
					.filter((line) -> line.startsWith("run "))
					.map((line) -> Long.parseLong(line.substring(4)))
					.filter((time) -> time >= resumed)
					.toList();
				assertThat(runsAfterResume).isEmpty();
				assertThat(lines(journal)).anyMatch((line) -> line.startsWith("revoked LEASE_EXPIRED"));
			}
			finally {
				frozen.destroyForcibly().waitFor();
			}
		}
	}

	private static void signal(Process process, String signal) throws Exception {
		int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
		assertThat(exit).isZero();
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

}
