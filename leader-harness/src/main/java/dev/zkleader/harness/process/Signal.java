package dev.zkleader.harness.process;

/**
 * The POSIX signals the harness sends to its child processes.
 */
public enum Signal {

	/**
	 * Freezes the process, as a long GC pause or a descheduled VM would; it cannot be
	 * caught.
	 */
	STOP,

	/**
	 * Resumes a stopped process.
	 */
	CONT,

	/**
	 * Asks the process to shut down (a JVM runs its shutdown hooks).
	 */
	TERM,

	/**
	 * Ends the process at once, as a power cut or an OOM kill would.
	 */
	KILL

}
