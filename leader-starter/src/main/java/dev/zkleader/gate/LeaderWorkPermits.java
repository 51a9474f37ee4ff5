package dev.zkleader.gate;

import org.jspecify.annotations.Nullable;

/**
 * What the gate asks before a {@link dev.zkleader.LeaderOnly} method runs. Implemented by
 * the elections from their local state; must never block or call ZooKeeper.
 */
@FunctionalInterface
public interface LeaderWorkPermits {

	/**
	 * Permits that never let leader-only work run, for when leader election is switched
	 * off.
	 */
	LeaderWorkPermits NONE = (election) -> null;

	/**
	 * Starts a run of leader-only work on the calling thread if the election allows it
	 * now.
	 * @param election the election that decides
	 * @return the run, to be {@link LeaderWorkRun#end() ended} when the work returns, or
	 * {@code null} when the work must be skipped
	 */
	@Nullable LeaderWorkRun begin(String election);

}
