package dev.zkleader.sample;

/**
 * Ends this instance, abruptly or gracefully.
 */
interface Terminator {

	/**
	 * Stops the JVM at once: no shutdown hooks run, so the latch node stays until the
	 * ZooKeeper session expires.
	 */
	void crash();

	/**
	 * Closes the application normally, which hands leadership over at once.
	 */
	void exit();

}
