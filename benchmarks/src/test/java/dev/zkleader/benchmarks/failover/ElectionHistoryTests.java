package dev.zkleader.benchmarks.failover;

import java.util.Optional;

import dev.zkleader.benchmarks.participant.Protocol;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElectionHistoryTests {

	private final ElectionHistory history = new ElectionHistory();

	@Test
	void leaderKeptThroughTheWindowHasNoRevocationMoveOrLeaderlessTime() {
		report("a", "GRANTED 1000");
		report("a", "RUN 2000 3000 0");
		ElectionHistory.Window window = this.history.window(1500, 10_000);
		assertThat(window.revocations()).isZero();
		assertThat(window.moves()).isZero();
		assertThat(window.leaderlessMicros()).isZero();
		assertThat(window.overlapMoments()).isZero();
		assertThat(this.history.leading()).containsExactly("a");
	}

	@Test
	void revocationAndGrantElsewhereCountAsOneMoveWithTheGapLeaderless() {
		report("a", "GRANTED 1000");
		report("a", "RUN 2000 2500 1");
		report("a", "REVOKED 2500");
		report("b", "GRANTED 4000");
		ElectionHistory.Window window = this.history.window(2000, 10_000);
		assertThat(window.revocations()).isEqualTo(1);
		assertThat(window.moves()).isEqualTo(1);
		assertThat(window.interruptedRuns()).isEqualTo(1);
		assertThat(window.leaderlessMicros()).isEqualTo(1500);
		assertThat(window.firstRevocationMicros()).isEqualTo(2500);
		assertThat(window.firstMoveMicros()).isEqualTo(4000);
		assertThat(this.history.leading()).containsExactly("b");
	}

	@Test
	void regrantOfTheSameInstanceIsNoMove() {
		report("a", "GRANTED 1000");
		report("a", "REVOKED 2000");
		report("a", "GRANTED 2600");
		ElectionHistory.Window window = this.history.window(1500, 3000);
		assertThat(window.revocations()).isEqualTo(1);
		assertThat(window.moves()).isZero();
		assertThat(window.leaderlessMicros()).isEqualTo(600);
	}

	@Test
	void overlappingRunsOfTwoInstancesAreOneMomentAndBothLeadWhileBothAreGranted() {
		report("a", "GRANTED 1000");
		report("b", "GRANTED 5000");
		report("a", "RUN 4000 5200 0");
		report("b", "RUN 5100 5300 0");
		report("a", "RUN 5250 5400 0");
		report("a", "REVOKED 6000");
		ElectionHistory.Window window = this.history.window(3000, 10_000);
		assertThat(window.overlapMoments()).isEqualTo(1);
		assertThat(window.overlapMicros()).isEqualTo(100 + 50);
		assertThat(window.bothLeadingMicros()).isEqualTo(1000);
		assertThat(window.moves()).isEqualTo(1);
	}

	@Test
	void overlapsMoreThanTheGapApartAreTwoMoments() {
		report("a", "RUN 1000 2000 0");
		report("b", "RUN 1500 2500 0");
		long later = 2000 + ElectionHistory.MOMENT_GAP_MICROS;
		report("a", "RUN " + later + " " + (later + 1000) + " 0");
		report("b", "RUN " + (later + 500) + " " + (later + 600) + " 0");
		ElectionHistory.Window window = this.history.window(0, later + 10_000);
		assertThat(window.overlapMoments()).isEqualTo(2);
		assertThat(window.overlapMicros()).isEqualTo(500 + 100);
	}

	@Test
	void runsThatOnlyTouchDoNotOverlap() {
		report("a", "RUN 1000 2000 0");
		report("b", "RUN 2000 3000 0");
		assertThat(this.history.window(0, 10_000).overlapMoments()).isZero();
	}

	@Test
	void eventsOutsideTheWindowAreNotCounted() {
		report("a", "GRANTED 1000");
		report("a", "RUN 1100 1200 1");
		report("a", "REVOKED 1200");
		report("b", "GRANTED 1300");
		ElectionHistory.Window window = this.history.window(2000, 3000);
		assertThat(window.revocations()).isZero();
		assertThat(window.moves()).isZero();
		assertThat(window.interruptedRuns()).isZero();
		assertThat(window.leaderlessMicros()).isZero();
	}

	private void report(String participant, String line) {
		Optional<Protocol.Report> report = Protocol.parse(Protocol.PREFIX + line);
		this.history.record(participant, report.orElseThrow());
	}

}
