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
 * The maintenance demo of the README, short: a real three-server ZooKeeper ensemble
 * ({@code QuorumPeerMain} processes) restarted one server at a time under sample
 * instances in JVMs of their own.
 */
class MaintenanceDemoTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void withTheLeaseOneLeaderKeepsLeadingThroughARollingRestartOfTheEnsemble(@TempDir Path dir) throws Exception {
		MaintenanceReport.Result result = MaintenanceDemo.run(options(dir, 3, "lease"),
				new PrintStream(this.output, true));
		String printed = this.output.toString(StandardCharsets.UTF_8);
		assertThat(result.succeeded()).as(printed).isTrue();
		assertThat(result.restarts()).isEqualTo(3);
		// Every server went down once while the job ran, the leader's own server and the
		// ensemble's leader among them: neither ended the leadership.
		assertThat(result.revocations()).as(printed).isZero();
		assertThat(result.leaderships()).as(printed).hasSize(1);
		assertThat(printed).contains("Revocations during the restarts: 0")
			.contains("fencing token ")
			.contains(" throughout)");
		String svg = Files.readString(result.picture());
		assertThat(svg).contains("ZooKeeper 1 restarts", "ZooKeeper 2 restarts", "ZooKeeper 3 restarts")
			.contains("revocations: 0");
		assertThat(dir.resolve("logs")).doesNotExist();
		assertThat(dir.resolve("demo.pids")).doesNotExist();
	}

	@Test
	void withConnectionLossSuspendedTheSameRestartRevokesTheLeader(@TempDir Path dir) throws Exception {
		MaintenanceReport.Result result = MaintenanceDemo.run(options(dir, 1, "suspended"),
				new PrintStream(this.output, true));
		String printed = this.output.toString(StandardCharsets.UTF_8);
		assertThat(result.succeeded()).as(printed).isTrue();
		// The restart of the ensemble's leader drops every client's connection, the
		// leader's too: at least that one revokes it. One instance is enough (and starts
		// sooner): it leads again once it is back.
		assertThat(result.revocations()).as(printed).isPositive();
		assertThat(result.leaderships()).hasSize(result.revocations() + 1);
		assertThat(result.overlaps()).isEmpty();
		assertThat(printed).contains("lost leadership (CONNECTION_SUSPENDED)");
	}

	private static MaintenanceOptions options(Path dir, int instances, String connectionLoss) throws Exception {
		String classpath = Files.readString(Path.of(System.getProperty("demo.classpath.file"))).strip();
		return new MaintenanceOptions(instances, connectionLoss, false, Duration.ofSeconds(10), dir, classpath);
	}

}
