package dev.zkleader.gate;

/**
 * What the gate asks before a {@link dev.zkleader.LeaderOnly} method runs. Implemented by
 * the election from its local state snapshot; must never block or call ZooKeeper.
 */
@FunctionalInterface
public interface LeaderWorkPermit {

	/**
	 * A permit that never lets leader-only work run, for when leader election is switched
	 * off.
	 */
	LeaderWorkPermit NEVER = () -> false;

	/**
	 * Whether leader-only work may start now.
	 * @return {@code true} if this instance leads, its leadership has been announced and
	 * its connection allows it
	 */
	boolean permitsLeaderWork();

}
