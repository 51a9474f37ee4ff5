package dev.zkleader.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo of the README, short: a real ZooKeeper server process and three sample
 * instances as separate JVMs.
 */
class FailoverDemoTests {

	// The longest session the demo's server allows: its lease (2 s) rides out the
	// stalls of a loaded machine, where a 1 s stall ended a 2 s session's lease and one
	// instance led twice.
	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void crashingLeadersAreReplacedOneAfterAnotherAndNeverTwoLeadAtOnce(@TempDir Path dir) throws Exception {
		FailoverDemo.DemoResult result = FailoverDemo.run(options(dir, false), new PrintStream(this.output, true));
		String printed = this.output.toString(StandardCharsets.UTF_8);
		assertThat(result.failure()).as(printed).isNull();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.leaders()).containsExactlyInAnyOrder("instance-1", "instance-2", "instance-3");
		assertThat(result.leaderships()).allMatch((leadership) -> leadership.ending() == Timeline.Kind.CRASHED);
		assertThat(result.overlaps()).isEmpty();
		// A crashed leader releases nothing: the next one waits for the session to expire
		// on the server.
		assertThat(result.failoverGapsMillis()).hasSize(2)
			.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(SESSION_TIMEOUT.toMillis() / 2));
		assertThat(printed).contains("Moments with two leaders: none").contains("CRASH    instance-");
		String svg = Files.readString(result.picture());
		assertThat(svg).startsWith("<svg").contains("instance-1", "instance-2", "instance-3").contains("failover ");
		assertThat(dir.resolve("logs")).doesNotExist();
		assertThat(dir.resolve("demo.pids")).doesNotExist();
	}

	@Test
	void gracefulLeadersHandOverWithoutWaitingForTheirSessions(@TempDir Path dir) throws Exception {
		FailoverDemo.DemoResult result = FailoverDemo.run(options(dir, true), new PrintStream(this.output, true));
		String printed = this.output.toString(StandardCharsets.UTF_8);
		assertThat(result.failure()).as(printed).isNull();
		assertThat(result.leaders()).containsExactlyInAnyOrder("instance-1", "instance-2", "instance-3");
		assertThat(result.leaderships()).allMatch((leadership) -> leadership.ending() == Timeline.Kind.REVOKED);
		assertThat(result.overlaps()).isEmpty();
		// A leader that shuts down deletes its latch node: the next one leads at once (a
		// few ms to tens of ms), never after the session expiry that a crash needs (at
		// least half the session timeout, see above).
		assertThat(result.failoverGapsMillis()).hasSize(2)
			.allSatisfy((gap) -> assertThat(gap).isNotNegative().isLessThan(SESSION_TIMEOUT.toMillis() / 4));
		assertThat(printed).contains("released it").doesNotContain("CRASH ");
	}

	private static DemoOptions options(Path dir, boolean graceful) throws Exception {
		String classpath = Files.readString(Path.of(System.getProperty("demo.classpath.file"))).strip();
		return new DemoOptions(3, graceful, false, Duration.ofSeconds(2), SESSION_TIMEOUT, dir, classpath);
	}

}
