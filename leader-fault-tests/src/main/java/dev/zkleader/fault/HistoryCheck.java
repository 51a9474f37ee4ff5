package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the register's history after a run against the instances' events, independently
 * of the register's own decisions.
 * <ul>
 * <li><b>Stale writes accepted</b>, <b>stale starts</b> and writes with
 * {@code stillLeading()} true after their term: see {@link Terms}, which derives the
 * terms from the grant events.</li>
 * <li><b>Overlaps</b>: runs of a deposed leader still executing while a newer leadership
 * already ran the job, fence ignored, and for how long: the window in which two
 * self-believed leaders acted at once, which only the fence keeps out of the data.</li>
 * <li><b>Gaps</b>: how long nobody led, see {@link #gaps}.</li>
 * <li><b>Per fault</b>: leaderless time, revocations of a leader whose session survived,
 * interrupted runs; none of the latter two for a fault the lease must ride out, see
 * {@link FaultFigures}.</li>
 * </ul>
 */
final class HistoryCheck {

	private static final int EXAMPLES = 5;

	private HistoryCheck() {
	}

	static Report check(List<Attempt> history, List<LeaderEvent> events, List<Fault> faults, long gapBoundMillis,
			long rideOutMillis, long observedUntil) {
		Terms terms = Terms.from(events);
		List<Attempt> byStart = history.stream()
			.sorted(Comparator.comparingLong(Attempt::start).thenComparingLong(Attempt::seq))
			.toList();
		List<Overlap> overlaps = overlaps(byStart);
		Overlap worst = overlaps.stream().max(Comparator.comparingLong(Overlap::millis)).orElse(null);
		List<Gap> gaps = gaps(byStart, faults, observedUntil);
		long maxGap = gaps.stream().mapToLong(Gap::millis).max().orElse(0);
		List<Gap> gapsOverBound = gaps.stream().filter((gap) -> gap.millis() > gapBoundMillis).toList();
		long accepted = history.stream().filter(Attempt::accepted).count();
		return new Report(history.size(), accepted, terms.count(), terms.staleWritesAccepted(history, faults),
				terms.staleStarts(byStart), terms.stillLeadingAfterTheirTerm(byStart), overlaps.size(),
				(worst != null) ? worst.millis() : 0, (worst != null) ? worst.what() : "", gaps, maxGap, gapsOverBound,
				FaultFigures.of(faults, byStart, events, rideOutMillis, observedUntil));
	}

	/**
	 * The runs of a deposed leader that were still executing while a newer leadership
	 * (another participant, a higher token) already ran the job, whether their writes
	 * were accepted or not. Each is measured from the first start of an overlapping newer
	 * run (or its own start, if later) to its own end: how long the old run could still
	 * write at any moment, which only the fence stops. Touching runs (one ends the
	 * millisecond the other starts) do not overlap.
	 */
	static List<Overlap> overlaps(List<Attempt> byStart) {
		List<Overlap> overlaps = new ArrayList<>();
		for (Attempt old : byStart) {
			Attempt newer = null;
			for (Attempt other : byStart) {
				if (other.start() >= old.end()) {
					break;
				}
				if (other.token() > old.token() && other.end() > old.start()
						&& !other.participant().equals(old.participant())) {
					newer = other;
					break;
				}
			}
			if (newer != null) {
				long from = Math.max(old.start(), newer.start());
				overlaps.add(new Overlap(old.end() - from, describe(old) + " ran on for " + (old.end() - from)
						+ " ms after " + describe(newer) + " started"));
			}
		}
		return overlaps;
	}

	/**
	 * The leaderless gaps, each measured up to the first run of a leadership:
	 * <ul>
	 * <li>for every change of term (consecutive tokens in order of their first run): from
	 * the last sign of life of the old terms (the latest end of a run with a lower token
	 * that ended before the new term's first run) or, when a fault was injected since the
	 * old term's first run, from that fault's {@link Fault#measuredFrom()} (its
	 * injection, or the restarted ZooKeeper serving), whichever is later;</li>
	 * <li>for every ZooKeeper restart: from the restarted server serving to the first run
	 * that starts after it, even when the same leader carries on with the same
	 * token;</li>
	 * <li>a fault on a leader after which no higher token ever ran, or a restart after
	 * which nothing ran, counts up to the end of the observation.</li>
	 * </ul>
	 */
	static List<Gap> gaps(List<Attempt> byStart, List<Fault> faults, long observedUntil) {
		Map<Long, Attempt> firstOfTerm = new LinkedHashMap<>();
		for (Attempt attempt : byStart) {
			firstOfTerm.putIfAbsent(attempt.token(), attempt);
		}
		List<Attempt> firsts = new ArrayList<>(firstOfTerm.values());
		List<Gap> gaps = new ArrayList<>();
		for (int i = 1; i < firsts.size(); i++) {
			Attempt previous = firsts.get(i - 1);
			Attempt next = firsts.get(i);
			long from = previous.start();
			String after = "the last run of an older term";
			int cause = 0;
			for (Attempt attempt : byStart) {
				if (attempt.token() < next.token() && attempt.end() <= next.start() && attempt.end() > from) {
					from = attempt.end();
				}
			}
			for (Fault fault : faults) {
				if (fault.injectedAt() >= previous.start() && fault.injectedAt() < next.start()) {
					cause = fault.number();
					if (fault.measuredFrom() >= from) {
						from = fault.measuredFrom();
						after = fault.describe();
					}
				}
			}
			gaps.add(new Gap(
					Math.max(0, next.start() - from), "term " + previous.token() + " (" + previous.participant()
							+ ") -> term " + next.token() + " (" + next.participant() + "), measured from " + after,
					cause));
		}
		for (Fault fault : faults) {
			if (fault.kind().hitsZooKeeper()) {
				long firstStart = byStart.stream()
					.mapToLong(Attempt::start)
					.filter((start) -> start >= fault.measuredFrom())
					.min()
					.orElse(observedUntil);
				gaps.add(new Gap(firstStart - fault.measuredFrom(),
						"first run after ZooKeeper served again (" + fault.describe() + ")", fault.number()));
			}
			else {
				boolean replaced = byStart.stream()
					.anyMatch((run) -> run.token() > fault.victimToken() && run.start() >= fault.injectedAt());
				if (!replaced) {
					gaps.add(new Gap(observedUntil - fault.injectedAt(),
							"no new leadership ran after " + fault.describe(), fault.number()));
				}
			}
		}
		return gaps;
	}

	static String describe(Attempt attempt) {
		return "run of " + attempt.participant() + " (token " + attempt.token() + ", " + attempt.start() + ".."
				+ attempt.end() + ", write #" + attempt.seq() + (attempt.accepted() ? " accepted" : " refused") + ")";
	}

	/**
	 * A time without a leader doing its work.
	 *
	 * @param millis how long
	 * @param what what it is measured between
	 * @param fault the number of the fault it followed, 0 if none
	 */
	record Gap(long millis, String what, int fault) {
	}

	/**
	 * A run of a deposed leader that overlapped a newer leadership's run.
	 *
	 * @param millis how long it ran on after the newer run started
	 * @param what which runs
	 */
	record Overlap(long millis, String what) {
	}

	/**
	 * The outcome of the checks.
	 *
	 * @param writes writes attempted
	 * @param accepted writes accepted
	 * @param terms terms granted (participant and token, from the grant events)
	 * @param staleWritesAccepted accepted writes whose term had ended before they arrived
	 * @param staleStarts runs that started after their term had ended
	 * @param stillLeadingAfterTerm runs that wrote with {@code stillLeading()} true after
	 * their term had ended
	 * @param overlaps runs of a deposed leader that overlapped a newer leadership's runs
	 * @param maxOverlapMillis the longest such overlap
	 * @param worstOverlap the longest such overlap, described
	 * @param gaps every leaderless gap measured
	 * @param maxGapMillis the longest gap
	 * @param gapsOverBound the gaps longer than allowed
	 * @param figures what each fault did to the leadership
	 */
	record Report(int writes, long accepted, long terms, List<Attempt> staleWritesAccepted, List<String> staleStarts,
			List<String> stillLeadingAfterTerm, int overlaps, long maxOverlapMillis, String worstOverlap,
			List<Gap> gaps, long maxGapMillis, List<Gap> gapsOverBound, List<FaultFigures> figures) {

		List<FaultFigures> rideOutsBroken() {
			return this.figures.stream().filter(FaultFigures::rideOutBroken).toList();
		}

		int spuriousRevocations() {
			return this.figures.stream().mapToInt(FaultFigures::spurious).sum();
		}

		int interruptedRuns() {
			return this.figures.stream().mapToInt(FaultFigures::interrupted).sum();
		}

		List<String> violations() {
			List<String> violations = new ArrayList<>();
			this.staleWritesAccepted.stream()
				.limit(EXAMPLES)
				.forEach((attempt) -> violations.add("stale write accepted: " + describe(attempt)));
			this.staleStarts.stream().limit(EXAMPLES).forEach((start) -> violations.add("stale start: " + start));
			this.stillLeadingAfterTerm.stream()
				.limit(EXAMPLES)
				.forEach((write) -> violations.add("still leading after its term: " + write));
			this.gapsOverBound.stream()
				.limit(EXAMPLES)
				.forEach((gap) -> violations.add("gap of " + gap.millis() + " ms: " + gap.what()));
			rideOutsBroken().stream()
				.limit(EXAMPLES)
				.forEach((figures) -> violations.add("not ridden out: " + figures.describe()));
			return violations;
		}

	}

}
