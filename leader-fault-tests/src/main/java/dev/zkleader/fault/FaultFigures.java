package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one fault did to the leadership, from its injection to the next fault (or the end
 * of the run): how long no leader worked, which revocations it caused, how many runs were
 * interrupted, and how long the leading instance's connection was down.
 * <p>
 * A revocation is <em>spurious</em> when the leader's session survived it: the same
 * participant was granted the same token again later (the same node, so the same session;
 * a lost session rejoins with a new node and token). A fault the lease must ride out
 * ({@link FaultKind#ridesOut()}) may cause neither a revocation nor an interrupted run,
 * unless the leader's connection stayed down for at least the shortest lease left at a
 * disconnection (a third of the session timeout): then it was longer than the lease, and
 * it is counted as such.
 *
 * @param fault the fault
 * @param leaderlessMillis the longest time in the window without a leading run executing,
 * beyond the job's own delay between runs
 * @param revocations revocations in the window (shutdowns left out)
 * @param spurious revocations in the window of a leader whose session survived
 * @param interrupted runs in the window that were interrupted
 * @param outageMillis the longest time the leading instance had no answer from ZooKeeper
 * @param overLease whether that outage reached {@link FaultOptions#rideOutBound()}
 */
record FaultFigures(Fault fault, long leaderlessMillis, int revocations, int spurious, int interrupted,
		long outageMillis, boolean overLease) {

	/**
	 * The application job's delay between runs ({@code fault.job.delay}): idle time a
	 * working leader always has.
	 */
	static final long JOB_DELAY_MILLIS = 150;

	static List<FaultFigures> of(List<Fault> faults, List<Attempt> byStart, List<LeaderEvent> events,
			long rideOutMillis, long observedUntil) {
		List<LeaderEvent> byTime = events.stream().sorted(Comparator.comparingLong(LeaderEvent::time)).toList();
		List<FaultFigures> figures = new ArrayList<>();
		for (int i = 0; i < faults.size(); i++) {
			Fault fault = faults.get(i);
			long from = fault.injectedAt();
			long to = (i + 1 < faults.size()) ? faults.get(i + 1).injectedAt() : observedUntil;
			List<LeaderEvent> revoked = byTime.stream()
				.filter((event) -> event.is(LeaderEvent.REVOKED) && !"SHUTDOWN".equals(event.reason())
						&& event.time() >= from && event.time() < to)
				.toList();
			int spurious = (int) revoked.stream().filter((revocation) -> grantedAgain(revocation, byTime)).count();
			int interrupted = (int) byStart.stream()
				.filter((run) -> run.interrupted() && run.end() >= from && run.end() < to)
				.count();
			long outage = outage(fault, byTime, to, rideOutMillis);
			figures.add(new FaultFigures(fault, leaderless(byStart, from, to), revoked.size(), spurious, interrupted,
					outage, outage >= rideOutMillis));
		}
		return figures;
	}

	/**
	 * Whether this fault broke the lease's promise: a fault it must ride out, shorter
	 * than the lease, that revoked the leader or interrupted a run.
	 * @return whether it is a violation
	 */
	boolean rideOutBroken() {
		return this.fault.kind().ridesOut() && !this.overLease && (this.spurious > 0 || this.interrupted > 0);
	}

	String describe() {
		return this.fault.describe() + " (leader " + this.fault.leader() + ", no answer from ZooKeeper for "
				+ this.outageMillis + " ms at most): " + this.spurious
				+ " revocation(s) of a leader whose session survived, " + this.interrupted + " interrupted run(s)";
	}

	private static boolean grantedAgain(LeaderEvent revocation, List<LeaderEvent> byTime) {
		return byTime.stream()
			.anyMatch((event) -> event.is(LeaderEvent.GRANTED) && event.time() >= revocation.time()
					&& event.participant().equals(revocation.participant()) && event.token() == revocation.token());
	}

	// The longest time the instance had no answer from ZooKeeper that overlapped the
	// window, however early it began (an earlier fault's reconnection may still be under
	// way): the longer of its longest disconnection (from the blow it followed, or its
	// previous reconnection if later, since a server going down may stop answering
	// before it closes the connection, to its reconnection or loss) and its longest
	// silence between two heartbeats beyond their delay (connected, but not answered).
	// A disconnection that begins within the bound of the previous reconnection
	// continues that outage: the first lease of a reconnection is only a third of the
	// session, until the next renewal a sixth later extends it.
	private static long outage(Fault fault, List<LeaderEvent> byTime, long to, long chainMillis) {
		long from = fault.injectedAt();
		long longest = 0;
		long downSince = -1;
		long previousDownSince = -1;
		long lastBack = -1;
		long lastHeartbeat = -1;
		for (LeaderEvent event : byTime) {
			long time = event.time();
			if (!event.participant().equals(fault.leader()) || time >= to) {
				continue;
			}
			if (event.is(LeaderEvent.HEARTBEAT)) {
				if (lastHeartbeat >= 0 && time > from) {
					longest = Math.max(longest, time - lastHeartbeat - LeaderEvent.HEARTBEAT_DELAY_MILLIS);
				}
				lastHeartbeat = time;
			}
			else if (event.is(LeaderEvent.SUSPENDED)) {
				long since = (time >= from) ? Math.max(fault.hitBefore(time), lastBack) : time;
				boolean soonAfterReconnecting = lastBack >= 0 && since - lastBack < chainMillis;
				downSince = (soonAfterReconnecting && previousDownSince >= 0) ? previousDownSince : since;
			}
			else if (event.is(LeaderEvent.RECONNECTED) || event.is(LeaderEvent.LOST)) {
				if (downSince >= 0 && time > from) {
					longest = Math.max(longest, time - downSince);
				}
				previousDownSince = downSince;
				downSince = -1;
				lastBack = time;
			}
		}
		return (downSince >= 0) ? Math.max(longest, to - downSince) : longest;
	}

	// Between consecutive runs that were still leading when they wrote: a run revoked
	// mid-work, or frozen, does not count as a leader working.
	private static long leaderless(List<Attempt> byStart, long from, long to) {
		long longest = 0;
		long lastEnd = -1;
		for (Attempt run : byStart) {
			if (!run.stillLeading()) {
				continue;
			}
			if (lastEnd >= 0 && run.start() > from && lastEnd < to) {
				long idle = Math.min(run.start(), to) - Math.max(lastEnd, from);
				longest = Math.max(longest, idle - JOB_DELAY_MILLIS);
			}
			lastEnd = Math.max(lastEnd, run.end());
		}
		return Math.max(0, longest);
	}

}
