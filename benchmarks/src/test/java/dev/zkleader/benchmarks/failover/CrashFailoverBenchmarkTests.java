package dev.zkleader.benchmarks.failover;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ping interval the crash benchmark's random pauses cover.
 */
class CrashFailoverBenchmarkTests {

	@Test
	void idleClientPingsAsZooKeepersClientCnxnSchedulesIt() {
		// readTimeout = 2/3 of the session; a ping is due after readTimeout/2 idle, one
		// second earlier once idle longer than a second.
		assertThat(CrashFailoverBenchmark.pingInterval(Duration.ofSeconds(2))).isEqualTo(666);
		assertThat(CrashFailoverBenchmark.pingInterval(Duration.ofSeconds(3))).isEqualTo(1000);
		assertThat(CrashFailoverBenchmark.pingInterval(Duration.ofSeconds(5))).isEqualTo(1000);
		assertThat(CrashFailoverBenchmark.pingInterval(Duration.ofSeconds(15))).isEqualTo(4000);
	}

}
