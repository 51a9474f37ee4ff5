package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker must catch what it looks for: each violation is planted in a small history
 * of runs and grant events, next to the correct history it differs from.
 */
class HistoryCheckTests {

	private static final long BOUND = 4000;

	private static final long RIDE_OUT = 600;

	private final List<Attempt> history = new ArrayList<>();

	private final List<LeaderEvent> events = new ArrayList<>();

	@Test
	void cleanHandOverHasNoViolation() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		run("a", 10, 250, 400, true);
		granted("b", 11, 2400);
		run("b", 11, 2500, 2600, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.KILL, "a", 10, 420, 420)));
		assertThat(report.violations()).isEmpty();
		assertThat(report.terms()).isEqualTo(2);
		assertThat(report.overlaps()).isZero();
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::millis).containsExactly(2080L);
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::fault).containsExactly(1);
	}

	@Test
	void runStartingAfterAnotherParticipantWasGrantedAHigherTokenIsAStaleStart() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		granted("b", 11, 2000);
		// Before b's first run: a check against b's runs alone would not see it.
		run("a", 10, 2050, 2100, false);
		run("b", 11, 2150, 2250, true);
		HistoryCheck.Report report = check(List.of());
		assertThat(report.staleStarts()).singleElement()
			.asString()
			.startsWith("run of a (token 10, 2050..2100")
			.contains("50 ms after b was granted token 11");
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("stale start"));
	}

	@Test
	void runStartingBeforeTheNewGrantIsNoStaleStart() {
		granted("a", 10, 0);
		run("a", 10, 1900, 1990, false);
		granted("b", 11, 2000);
		run("b", 11, 2150, 2250, true);
		assertThat(check(List.of()).violations()).isEmpty();
	}

	@Test
	void sameLeaderGrantedAgainWithTheSameTokenKeepsItsTerm() {
		// A lease that ran out while the session survived: the same term resumes.
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		revoked("a", 10, 1000, "LEASE_EXPIRED");
		granted("a", 10, 3000);
		run("a", 10, 3100, 3200, true);
		HistoryCheck.Report report = check(List.of());
		assertThat(report.violations()).isEmpty();
		assertThat(report.terms()).isEqualTo(1);
	}

	@Test
	void writeWithStillLeadingTrueAfterANewerGrantIsAViolation() {
		granted("a", 10, 0);
		run("a", 10, 1900, 2100, true);
		granted("b", 11, 2000);
		run("b", 11, 2150, 2250, true);
		HistoryCheck.Report report = check(List.of());
		assertThat(report.stillLeadingAfterTerm()).singleElement()
			.asString()
			.contains("wrote with stillLeading() true 100 ms after b was granted token 11");
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("still leading after its term"));
	}

	@Test
	void frozenRunThatKnowsItNoLongerLeadsIsNoViolation() {
		granted("a", 10, 0);
		run("a", 10, 0, 3000, false, false);
		granted("b", 11, 2200);
		run("b", 11, 2300, 2400, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.PAUSE, "a", 10, 50, 2950)));
		assertThat(report.stillLeadingAfterTerm()).isEmpty();
		// Its write arrives after b's, so the fence refused it.
		assertThat(report.staleWritesAccepted()).isEmpty();
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void acceptedWriteThatArrivedAfterItsTermEndedIsAStaleWrite() {
		granted("a", 10, 0);
		// Started in its term, but still writing after b's grant: no pause explains it.
		run("a", 10, 1800, 2100, false);
		granted("b", 11, 2000);
		run("b", 11, 2150, 2250, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.PARTITION, "a", 10, 100, 3000)));
		assertThat(report.staleWritesAccepted()).singleElement().extracting(Attempt::participant).isEqualTo("a");
		assertThat(report.violations()).anyMatch((violation) -> violation.startsWith("stale write accepted"));
	}

	@Test
	void frozenRunsWriteBeforeTheNewLeaderWroteIsNoStaleWrite() {
		granted("a", 10, 0);
		run("a", 10, 0, 2250, false);
		granted("b", 11, 2200);
		run("b", 11, 2300, 2400, true);
		assertThat(check(List.of(fault(1, FaultKind.PAUSE, "a", 10, 50, 2240))).staleWritesAccepted()).isEmpty();
	}

	@Test
	void frozenRunsWriteAcceptedAfterTheNewLeaderWroteIsAStaleWrite() {
		granted("a", 10, 0);
		granted("b", 11, 2200);
		run("b", 11, 2300, 2400, true);
		// A register that accepted it although token 11 was already in.
		run("a", 10, 0, 3000, false);
		assertThat(check(List.of(fault(1, FaultKind.PAUSE, "a", 10, 50, 2950))).staleWritesAccepted()).singleElement()
			.extracting(Attempt::participant)
			.isEqualTo("a");
	}

	@Test
	void pausedRunOverlapsTheNewLeaderButIsNoStaleStart() {
		granted("a", 10, 0);
		run("a", 10, 0, 3000, false, false);
		granted("b", 11, 2250);
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
				List.of(new Fault(1, FaultKind.ZK_RESTART, "ensemble", "a", 0, 200, 1500, 1500)));
		assertThat(report.gaps()).extracting(HistoryCheck.Gap::millis).containsExactly(1500L);
	}

	@Test
	void faultAfterWhichNobodyNewLedCountsUntilTheEnd() {
		run("a", 10, 0, 100, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.KILL, "a", 10, 200, 200)));
		assertThat(report.gapsOverBound()).hasSize(1);
	}

	@Test
	void resetThatRevokedALeaderWhoseSessionSurvivedIsNotRiddenOut() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		connection("a", LeaderEvent.SUSPENDED, 300);
		revoked("a", 10, 350, "CONNECTION_SUSPENDED");
		connection("a", LeaderEvent.RECONNECTED, 500);
		granted("a", 10, 510);
		run("a", 10, 600, 700, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.RESET, "a", 0, 300, 300)));
		assertThat(report.figures()).singleElement().satisfies((figures) -> {
			assertThat(figures.spurious()).isEqualTo(1);
			assertThat(figures.outageMillis()).isEqualTo(200);
			assertThat(figures.overLease()).isFalse();
		});
		assertThat(report.violations()).singleElement().asString().startsWith("not ridden out: fault #1 RESET");
	}

	@Test
	void runInterruptedByARestartShorterThanTheLeaseIsNotRiddenOut() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		this.history.add(new Attempt(this.history.size() + 1, 401, "a", 10, 250, 400, true, true, true));
		run("a", 10, 550, 650, true);
		connection("a", LeaderEvent.SUSPENDED, 300);
		connection("a", LeaderEvent.RECONNECTED, 500);
		HistoryCheck.Report report = check(
				List.of(new Fault(1, FaultKind.FOLLOWER_RESTART, "zookeeper-2", "a", 0, 200, 450, 450)));
		assertThat(report.figures()).singleElement().satisfies((figures) -> {
			assertThat(figures.interrupted()).isEqualTo(1);
			assertThat(figures.spurious()).isZero();
			// From the restart's start: the server may go silent before it disconnects.
			assertThat(figures.outageMillis()).isEqualTo(300);
		});
		assertThat(report.rideOutsBroken()).hasSize(1);
	}

	@Test
	void revocationAfterAnOutageOverTheLeaseIsNoViolation() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		connection("a", LeaderEvent.SUSPENDED, 300);
		revoked("a", 10, 700, "LEASE_EXPIRED");
		connection("a", LeaderEvent.RECONNECTED, 1000);
		granted("a", 10, 1010);
		run("a", 10, 1100, 1200, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.RESET, "a", 0, 300, 300)));
		assertThat(report.figures()).singleElement().satisfies((figures) -> {
			assertThat(figures.spurious()).isEqualTo(1);
			assertThat(figures.overLease()).isTrue();
		});
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void connectedLeaderThatZooKeeperDidNotAnswerForLongerThanTheLeaseMayBeRevoked() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		connection("a", LeaderEvent.HEARTBEAT, 250);
		connection("a", LeaderEvent.SUSPENDED, 300);
		connection("a", LeaderEvent.RECONNECTED, 400);
		// Connected again, but no answer until 1500: the lease could not be confirmed.
		revoked("a", 10, 1300, "LEASE_EXPIRED");
		connection("a", LeaderEvent.HEARTBEAT, 1500);
		granted("a", 10, 1510);
		run("a", 10, 1600, 1700, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.RESET, "a", 0, 300, 300)));
		assertThat(report.figures()).singleElement().satisfies((figures) -> {
			assertThat(figures.outageMillis()).isEqualTo(1250 - LeaderEvent.HEARTBEAT_DELAY_MILLIS);
			assertThat(figures.overLease()).isTrue();
		});
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void disconnectionThatBeganInTheFaultBeforeCountsForTheNext() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		connection("a", LeaderEvent.SUSPENDED, 150);
		// The next fault begins while the first one's reconnection is under way.
		revoked("a", 10, 900, "LEASE_EXPIRED");
		connection("a", LeaderEvent.RECONNECTED, 1400);
		granted("a", 10, 1410);
		run("a", 10, 1500, 1600, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.RESET, "a", 0, 100, 100),
				new Fault(2, FaultKind.LEADER_RESTART, "zookeeper-1", "a", 0, 200, 800, 800)));
		assertThat(report.figures()).element(1).satisfies((figures) -> {
			assertThat(figures.spurious()).isEqualTo(1);
			assertThat(figures.outageMillis()).isEqualTo(1250);
			assertThat(figures.overLease()).isTrue();
		});
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void resetSoonAfterAReconnectionContinuesItsOutage() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		connection("a", LeaderEvent.SUSPENDED, 200);
		connection("a", LeaderEvent.RECONNECTED, 500);
		// Reset 300 ms after the reconnection, before a renewal extended its short lease.
		connection("a", LeaderEvent.SUSPENDED, 800);
		revoked("a", 10, 1000, "LEASE_EXPIRED");
		connection("a", LeaderEvent.RECONNECTED, 1100);
		granted("a", 10, 1110);
		run("a", 10, 1200, 1300, true);
		HistoryCheck.Report report = check(
				List.of(new Fault(1, FaultKind.FOLLOWER_RESTART, "zookeeper-1", "a", 0, 150, 600, 600),
						fault(2, FaultKind.RESET, "a", 0, 800, 800)));
		assertThat(report.figures()).element(1).satisfies((figures) -> {
			// From the first disconnection (before this fault, so from its suspension).
			assertThat(figures.outageMillis()).isEqualTo(900);
			assertThat(figures.overLease()).isTrue();
		});
		assertThat(report.violations()).isEmpty();
	}

	@Test
	void revocationOfALostSessionIsNotSpurious() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		revoked("a", 10, 2000, "CONNECTION_LOST");
		granted("a", 12, 2500);
		run("a", 12, 2600, 2700, true);
		HistoryCheck.Report report = check(List.of(fault(1, FaultKind.PARTITION, "a", 10, 200, 3000)));
		assertThat(report.figures()).singleElement().satisfies((figures) -> {
			assertThat(figures.revocations()).isEqualTo(1);
			assertThat(figures.spurious()).isZero();
		});
	}

	@Test
	void leaderlessTimeIsTheLongestIdleBeyondTheJobsDelay() {
		granted("a", 10, 0);
		run("a", 10, 0, 100, true);
		run("a", 10, 250, 350, true);
		// 1000 ms idle after the restart began, 150 of them the job's own delay.
		run("a", 10, 1350, 1450, true);
		HistoryCheck.Report report = check(
				List.of(new Fault(1, FaultKind.LEADER_RESTART, "zookeeper-1", "a", 0, 300, 1200, 1200)));
		assertThat(report.figures()).singleElement()
			.extracting(FaultFigures::leaderlessMillis)
			.isEqualTo(1000L - FaultFigures.JOB_DELAY_MILLIS);
	}

	// Writes arrive in the order their runs end; the register accepted what the test
	// says it accepted.
	private HistoryCheck.Report check(List<Fault> faults) {
		List<Attempt> arrived = new ArrayList<>();
		this.history.stream()
			.sorted(Comparator.comparingLong(Attempt::receivedAt))
			.forEach((attempt) -> arrived.add(new Attempt(arrived.size() + 1, attempt.receivedAt(),
					attempt.participant(), attempt.token(), attempt.start(), attempt.end(), attempt.interrupted(),
					attempt.stillLeading(), attempt.accepted())));
		return HistoryCheck.check(arrived, this.events, faults, BOUND, RIDE_OUT, 10_000);
	}

	private void run(String participant, long token, long start, long end, boolean stillLeading) {
		run(participant, token, start, end, stillLeading, true);
	}

	private void run(String participant, long token, long start, long end, boolean stillLeading, boolean accepted) {
		this.history.add(new Attempt(this.history.size() + 1, end + 1, participant, token, start, end, false,
				stillLeading, accepted));
	}

	private void granted(String participant, long token, long time) {
		this.events.add(LeaderEvent.granted(participant, token, time));
	}

	private void revoked(String participant, long token, long time, String reason) {
		this.events.add(LeaderEvent.revoked(participant, token, time, reason));
	}

	private void connection(String participant, String kind, long time) {
		this.events.add(new LeaderEvent(time, participant, kind, 0, time, ""));
	}

	private static Fault fault(int number, FaultKind kind, String victim, long token, long injected, long healed) {
		return new Fault(number, kind, victim, victim, token, injected, healed, injected);
	}

}
