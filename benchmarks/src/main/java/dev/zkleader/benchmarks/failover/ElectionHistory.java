package dev.zkleader.benchmarks.failover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.zkleader.benchmarks.participant.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * What the participants of one election reported: grants, revocations and the runs of the
 * leader-only job, each stamped by the participant in epoch microseconds (one machine,
 * one clock). Tells who leads now, and what happened within a window of time. Not
 * thread-safe: the fleet's monitor guards it.
 */
final class ElectionHistory {

	/**
	 * Overlaps of runs less than this apart belong to one moment: two instances that both
	 * run the job overlap on most of their runs, not once.
	 */
	static final long MOMENT_GAP_MICROS = 1_000_000;

	private final List<Change> changes = new ArrayList<>();

	private final List<Run> runs = new ArrayList<>();

	private final Set<String> leading = new HashSet<>();

	void record(String participant, Protocol.Report report) {
		switch (report.kind()) {
			case GRANTED -> {
				this.changes.add(new Change(participant, report.value(0), true));
				this.leading.add(participant);
			}
			case REVOKED -> {
				this.changes.add(new Change(participant, report.value(0), false));
				this.leading.remove(participant);
			}
			case RUN -> this.runs.add(new Run(participant, report.value(0), report.value(1), report.value(2) != 0));
			default -> {
				// Not part of the history.
			}
		}
	}

	/**
	 * The participants that lead now, by their last report.
	 * @return their names
	 */
	Set<String> leading() {
		return Set.copyOf(this.leading);
	}

	/**
	 * What happened from one moment to another.
	 * @param from the window's start, epoch microseconds, included
	 * @param to its end, excluded
	 * @return the figures
	 */
	Window window(long from, long to) {
		List<Change> sorted = this.changes.stream().sorted(Comparator.comparingLong(Change::micros)).toList();
		Set<String> leaders = new HashSet<>();
		@Nullable String lastGranted = null;
		int revocations = 0;
		int moves = 0;
		long firstRevocation = 0;
		long firstMove = 0;
		long leaderless = 0;
		long bothLeading = 0;
		long cursor = from;
		for (Change change : sorted) {
			if (change.micros() >= to) {
				break;
			}
			if (change.micros() >= from) {
				long span = change.micros() - cursor;
				leaderless += leaders.isEmpty() ? span : 0;
				bothLeading += (leaders.size() > 1) ? span : 0;
				cursor = change.micros();
				if (!change.granted()) {
					revocations++;
					firstRevocation = (firstRevocation == 0) ? change.micros() : firstRevocation;
				}
				else if (lastGranted != null && !lastGranted.equals(change.participant())) {
					moves++;
					firstMove = (firstMove == 0) ? change.micros() : firstMove;
				}
			}
			if (change.granted()) {
				leaders.add(change.participant());
				lastGranted = change.participant();
			}
			else {
				leaders.remove(change.participant());
			}
		}
		long span = to - cursor;
		leaderless += leaders.isEmpty() ? span : 0;
		bothLeading += (leaders.size() > 1) ? span : 0;
		int interrupted = (int) this.runs.stream()
			.filter((run) -> run.interrupted() && run.end() >= from && run.end() < to)
			.count();
		Overlaps overlaps = overlaps(from, to);
		return new Window(revocations, moves, interrupted, leaderless, bothLeading, overlaps.moments(),
				overlaps.micros(), firstRevocation, firstMove);
	}

	/**
	 * The moments when runs of two or more participants overlapped (one participant's
	 * runs never overlap each other), counted by when they began, and the time they
	 * overlapped.
	 */
	private Overlaps overlaps(long from, long to) {
		List<long[]> edges = new ArrayList<>();
		for (Run run : this.runs) {
			edges.add(new long[] { run.start(), 1 });
			edges.add(new long[] { run.end(), -1 });
		}
		// At the same instant an end comes before a start: runs that touch do not
		// overlap.
		edges.sort(Comparator.<long[]>comparingLong((edge) -> edge[0]).thenComparingLong((edge) -> edge[1]));
		int running = 0;
		long began = 0;
		long lastEnded = Long.MIN_VALUE / 2;
		int moments = 0;
		long micros = 0;
		for (long[] edge : edges) {
			int before = running;
			running += (int) edge[1];
			if (before < 2 && running >= 2) {
				began = edge[0];
			}
			else if (before >= 2 && running < 2) {
				if (began >= from && began < to) {
					moments += (began - lastEnded < MOMENT_GAP_MICROS) ? 0 : 1;
					micros += edge[0] - began;
				}
				lastEnded = edge[0];
			}
		}
		return new Overlaps(moments, micros);
	}

	private record Change(String participant, long micros, boolean granted) {

	}

	private record Run(String participant, long start, long end, boolean interrupted) {

	}

	private record Overlaps(int moments, long micros) {

	}

	/**
	 * The figures of one window of time.
	 *
	 * @param revocations revocations reported in it
	 * @param moves grants to another participant than the one granted last
	 * @param interruptedRuns runs of the job that ended interrupted in it
	 * @param leaderlessMicros time in it when no participant led
	 * @param bothLeadingMicros time in it when two or more participants led
	 * @param overlapMoments moments, beginning in it, when two participants ran the job
	 * at once (overlaps less than {@link #MOMENT_GAP_MICROS} apart are one moment)
	 * @param overlapMicros how long their runs overlapped in all
	 * @param firstRevocationMicros when the first revocation in it came, 0 if none
	 * @param firstMoveMicros when the first move in it came, 0 if none
	 */
	record Window(int revocations, int moves, int interruptedRuns, long leaderlessMicros, long bothLeadingMicros,
			int overlapMoments, long overlapMicros, long firstRevocationMicros, long firstMoveMicros) {

	}

}
