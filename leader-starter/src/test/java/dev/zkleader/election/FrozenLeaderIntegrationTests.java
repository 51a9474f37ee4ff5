package dev.zkleader.election;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.zkleader.TestInstance;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.zookeeper.InJvmZooKeeper;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader frozen past its session (SIGSTOP, as a long GC pause or a frozen VM would) and
 * resumed starts no leader-only work: its lease ran out while it stood still, before
 * another instance could take over.
 */
@Tag("processes")
class FrozenLeaderIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Test
	void aLeaderResumedAfterItsSessionStartsNoLeaderOnlyWork(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
			throws Exception {
		Path journal = dir.resolve("journal.txt");
		try (TestingServer server = InJvmZooKeeper.start(200); ChildProcesses children = new ChildProcesses()) {
			ChildProcess frozen = children.start("frozen", Jvm.command(List.of(), Jvm.classpath(),
					FrozenLeaderApplication.class.getName(),
					List.of("--journal=" + journal, "--leader.zookeeper.connect-string=" + server.getConnectString(),
							"--leader.path=/frozen", "--leader.participant-id=frozen",
							"--leader.zookeeper.session-timeout=2s", "--logging.level.root=WARN",
							// The test class path has Boot's Docker Compose support;
							// there is no
							// compose file here.
							"--spring.docker.compose.enabled=false")),
					Output.toFile(dir.resolve("frozen.log")));
			await().atMost(PATIENCE).until(() -> lines(journal).stream().anyMatch((line) -> line.startsWith("run")));
			try (TestInstance other = TestInstance.start("other", server.getConnectString(), "/frozen")) {
				await().atMost(PATIENCE).until(() -> other.leadership().participants().size() == 2);
				frozen.pause();
				long resumed;
				try {
					// The session expires while the leader stands still; the other one
					// takes over.
					await().atMost(PATIENCE).until(() -> other.leadership().isLeader());
					await().atMost(PATIENCE).until(() -> other.work().run() != null && other.work().runs() > 20);
				}
				finally {
					resumed = System.currentTimeMillis();
					frozen.resume();
				}
				await().atMost(PATIENCE)
					.until(() -> lines(journal).stream().anyMatch((line) -> line.startsWith("revoked")));
				// Give it time to misbehave: its client believes in its session for some
				// hundreds of milliseconds after it resumes.
				await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> other.leadership().isLeader());
				List<Long> runsAfterResume = lines(journal).stream()
					.filter((line) -> line.startsWith("run "))
					.map((line) -> Long.parseLong(line.substring(4)))
					.filter((time) -> time >= resumed)
					.toList();
				assertThat(runsAfterResume).isEmpty();
				assertThat(lines(journal)).anyMatch((line) -> line.startsWith("revoked LEASE_EXPIRED"));
			}
		}
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file) : List.of();
	}

}
