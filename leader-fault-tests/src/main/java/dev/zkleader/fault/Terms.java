package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leadership terms as the instances' grant events tell them, and the checks that
 * compare the runs with them. They read the grants, not the tokens' order among the runs
 * nor the register's answers, so they fail when the starter lets a deposed leader work,
 * whatever the register decided.
 * <p>
 * A term is a participant and a fencing token, from its first grant (a leader that comes
 * back with the same session and node is granted the same token again: the same term). A
 * term has ended once another participant was granted a higher token. The faults never
 * delete a latch node, so the window documented in docs/SAFETY.md (the next leader
 * granted a few milliseconds before a leader whose node someone else deleted closes its
 * gate) cannot occur and needs no allowance.
 */
final class Terms {

	private final List<LeaderEvent> grants;

	private Terms(List<LeaderEvent> grants) {
		this.grants = grants;
	}

	static Terms from(List<LeaderEvent> events) {
		Map<String, LeaderEvent> first = new LinkedHashMap<>();
		events.stream()
			.filter((event) -> event.is(LeaderEvent.GRANTED))
			.sorted(Comparator.comparingLong(LeaderEvent::time))
			.forEach((grant) -> first.putIfAbsent(grant.participant() + "/" + grant.token(), grant));
		return new Terms(List.copyOf(first.values()));
	}

	int count() {
		return this.grants.size();
	}

	/**
	 * The first grant, strictly before a moment, of a higher token to another participant
	 * than the run's: the grant that ended the run's term.
	 * @param run the run
	 * @param moment the moment (epoch ms)
	 * @return the grant, empty if the run's term still stood then
	 */
	Optional<LeaderEvent> endedBefore(Attempt run, long moment) {
		return this.grants.stream()
			.filter((grant) -> grant.time() < moment && grant.token() > run.token()
					&& !grant.participant().equals(run.participant()))
			.findFirst();
	}

	/**
	 * Runs that started after their term had ended: a deposed leader starting leader-only
	 * work, even in the window between the new grant and its first run.
	 * @param history every run
	 * @return the stale starts, described
	 */
	List<String> staleStarts(List<Attempt> history) {
		List<String> found = new ArrayList<>();
		for (Attempt run : history) {
			endedBefore(run, run.start()).ifPresent((grant) -> found.add(HistoryCheck.describe(run) + " started "
					+ (run.start() - grant.time()) + " ms after " + describe(grant)));
		}
		return found;
	}

	/**
	 * Runs whose {@code LeadershipContext.stillLeading()} was true when they wrote, after
	 * their term had ended: the starter told a deposed leader it still led. The value is
	 * read after the run's end, so a grant before the end is certainly before the read.
	 * @param history every run
	 * @return the violations, described
	 */
	List<String> stillLeadingAfterTheirTerm(List<Attempt> history) {
		List<String> found = new ArrayList<>();
		for (Attempt run : history) {
			if (run.stillLeading()) {
				endedBefore(run, run.end())
					.ifPresent((grant) -> found.add(HistoryCheck.describe(run) + " wrote with stillLeading() true "
							+ (run.end() - grant.time()) + " ms after " + describe(grant)));
			}
		}
		return found;
	}

	/**
	 * Accepted writes whose term had ended before they arrived. With the lease, a
	 * leader's runs end before the next leader can be granted, so none should exist; the
	 * one exception is a run frozen mid-work by a {@code PAUSE} of its process (docs/
	 * SAFETY.md, "Work that was already running when the leader froze"), and only while
	 * no write of a higher token had been accepted before it, since then the fence had to
	 * refuse it.
	 * @param history every write, in the order of arrival
	 * @param faults the faults injected
	 * @return the stale writes accepted
	 */
	List<Attempt> staleWritesAccepted(List<Attempt> history, List<Fault> faults) {
		List<Attempt> found = new ArrayList<>();
		long highestAccepted = Long.MIN_VALUE;
		for (Attempt write : history.stream().sorted(Comparator.comparingLong(Attempt::seq)).toList()) {
			if (write.accepted() && endedBefore(write, write.receivedAt()).isPresent()
					&& (!frozenMidRun(write, faults) || highestAccepted > write.token())) {
				found.add(write);
			}
			if (write.accepted()) {
				highestAccepted = Math.max(highestAccepted, write.token());
			}
		}
		return found;
	}

	private static boolean frozenMidRun(Attempt run, List<Fault> faults) {
		return faults.stream()
			.anyMatch((fault) -> fault.kind() == FaultKind.PAUSE && fault.victim().equals(run.participant())
					&& fault.injectedAt() >= run.start() && fault.injectedAt() <= run.end());
	}

	static String describe(LeaderEvent grant) {
		return grant.participant() + " was granted token " + grant.token() + " (at " + grant.time() + ")";
	}

}
