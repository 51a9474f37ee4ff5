package dev.zkleader.benchmarks.participant;

import dev.zkleader.LeaderOnly;
import org.jspecify.annotations.Nullable;

/**
 * This starter's leader-only work: the job's unit of work behind the starter's own gate,
 * which skips it on a follower and interrupts it on revocation (its defaults). Public and
 * not final, so that the gate's proxy can subclass it.
 */
public class LeaderOnlyWork {

	/**
	 * Runs the work on the leader.
	 * @param work the work
	 * @return {@code true} if it ran, {@code null} if the gate skipped it
	 */
	@LeaderOnly
	public @Nullable Boolean run(Runnable work) {
		work.run();
		return Boolean.TRUE;
	}

}
