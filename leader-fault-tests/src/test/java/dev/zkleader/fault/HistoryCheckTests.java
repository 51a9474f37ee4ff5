package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker must catch what it looks for: each violation is planted in a small history.
 */
class HistoryCheckTests {

	private static final long BOUND = 4000;

	private final List<Attempt> history = new ArrayList<>();

	@Test
	void cleanHandOverHasNoViolation() {
		run("a", 10, 0, 100, true);
		run("a", 10, 250, 400, true);
		run("b", 11, 2500, 2600, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.KILL, "a", 10, 420, 420)));
		assertThat(report.violations()).isEmpty();
		assertThat(report.overlaps()).isZero();
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::millis).containsExactly(2080L);
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::fault).containsExactly(1);
	}

	@Test
	void acceptedWriteBelowAnAcceptedTokenIsAStaleWrite() {
		run("b", 11, 0, 100, true);
		run("a", 10, 50, 150, true);
		HistoryCheck.Report report = check(List.of());
		assertThat(report.staleWritesAccepted()).hasSize(1);
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("stale write accepted"));
	}

	@Test
	void refusalThatTheFenceDoesNotExplainIsReported() {
		run("a", 10, 0, 100, true);
		run("a", 10, 200, 300, false);
		assertThat(check(List.of()).registerErrors()).hasSize(1);
	}

	@Test
	void runStartingAfterAHigherTokenStartedIsAStaleStart() {
		run("a", 10, 0, 100, true);
		run("b", 11, 2000, 2100, true);
		run("a", 10, 2050, 2150, false);
		HistoryCheck.Report report = check(List.of());
		assertThat(report.staleStarts()).hasSize(1).allMatch((start) -> start.startsWith("run of a (token 10"));
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("stale start"));
	}

	@Test
	void pausedRunOverlapsTheNewLeaderButIsNoStaleStart() {
		run("a", 10, 0, 3000, false);
		run("b", 11, 2300, 2400, true);
		run("b", 11, 2550, 2700, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.PAUSE, "a", 10, 50, 3000)));
		assertThat(report.staleStarts()).isEmpty();
		// From b's first start to the end of the paused run.
		assertThat(report.overlaps()).isEqualTo(1);
		assertThat(report.maxOverlapMillis()).isEqualTo(700);
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::millis).containsExactly(2250L);
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void touchingRunsDoNotOverlap() {
		run("a", 10, 0, 100, true);
		run("b", 11, 100, 200, true);
		assertThat(check(List.of()).overlaps()).isZero();
	}

	@Test
	void gapOverTheBoundIsAViolation() {
		run("a", 10, 0, 100, true);
		run("b", 11, 5000, 5100, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.PARTITION, "a", 10, 200, 3500)));
		assertThat(report.gapsOverBound()).hasSize(1);
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("gap of 4800 ms"));
	}

	@Test
	void gapAfterAZooKeeperRestartIsMeasuredFromTheServerServingAgain() {
		run("a", 10, 0, 100, true);
		run("a", 10, 3000, 3100, true);
		HistoryCheck.Report report = check(
				List.of(new Fault(1, FaultKind.ZK_RESTART, "zookeeper", 0, 200, 1500, 1500)));
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::millis).containsExactly(1500L);
	}

	@Test
	void faultAfterWhichNobodyNewLedCountsUntilTheEnd() {
		run("a", 10, 0, 100, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.KILL, "a", 10, 200, 200)));
		assertThat(report.gapsOverBound()).hasSize(1);
	}

	// Writes arrive in the order their runs end.
	private HistoryCheck.Report check(List<Fault> faults) {
		List<Attempt> arrived = new ArrayList<>();
		this.history.stream()
			.sorted(Comparator.comparingLong(Attempt::receivedAt))
			.forEach((attempt) -> arrived
				.add(new Attempt(arrived.size() + 1, attempt.receivedAt(), attempt.participant(), attempt.token(),
						attempt.start(), attempt.end(), false, true, attempt.accepted())));
		return HistoryCheck.check(arrived, faults, BOUND, 10_000);
	}

	private void run(String participant, long token, long start, long end, boolean accepted) {
		this.history
			.add(new Attempt(this.history.size() + 1, end + 1, participant, token, start, end, false, true, accepted));
	}

	private static Fault fault(int number, FaultKind kind, String victim, long token, long injected, long healed) {
		return new Fault(number, kind, victim, token, injected, healed, injected);
	}

}
