package dev.zkleader.gate;

/**
 * One permitted run of leader-only work. Its election can interrupt it when leadership is
 * revoked and waits for it before handing leadership over on shutdown.
 */
public interface LeaderWorkRun {

	/**
	 * The election the run belongs to.
	 * @return the election name
	 */
	String election();

	/**
	 * The fencing token of the leadership the run started under.
	 * @return the token
	 */
	long token();

	/**
	 * Whether that leadership still stands.
	 * @return {@code true} while it does
	 */
	boolean stillLeading();

	/**
	 * Ends the run; must be called exactly once, on the thread that began it.
	 */
	void end();

}
