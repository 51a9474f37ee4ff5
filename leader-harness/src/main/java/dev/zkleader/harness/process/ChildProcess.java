package dev.zkleader.harness.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One process that {@link ChildProcesses} started, signalled by its own handle (its PID,
 * while it is alive), never by name.
 */
public final class ChildProcess {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

	private final String name;

	private final Process process;

	private final Path log;

	private final CompletableFuture<Void> outputEnd;

	ChildProcess(String name, Process process, Path log, CompletableFuture<Void> outputEnd) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.outputEnd = outputEnd;
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * The JDK's handle, for its streams and exit value.
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * Where its output goes.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Completes when the process has ended and its output has all been handled: for
	 * pumped output, once the listener has seen the last line, which may come after
	 * {@link Process#onExit()}.
	 * @return the future
	 */
	public CompletableFuture<ChildProcess> onOutputEnd() {
		return this.process.onExit().thenCombine(this.outputEnd, (ended, drained) -> this);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Freezes the process (SIGSTOP).
	 */
	public void pause() {
		signal(Signal.STOP);
	}

	/**
	 * Resumes a frozen process (SIGCONT).
	 */
	public void resume() {
		signal(Signal.CONT);
	}

	/**
	 * Sends a signal and returns at once.
	 * @param signal the signal
	 * @throws IllegalStateException if it could not be sent (the process has ended, for
	 * example)
	 */
	public void signal(Signal signal) {
		// Through the process handle: Process.destroy() also closes the pipes, and
		// what the child logs while it shuts down (its revoked events) would be lost.
		switch (signal) {
			case TERM -> this.process.toHandle().destroy();
			case KILL -> this.process.toHandle().destroyForcibly();
			default -> kill(signal);
		}
	}

	/**
	 * Ends the process at once (SIGKILL) and waits until it is gone.
	 */
	public void kill() {
		signal(Signal.KILL);
		if (!awaitExit(KILL_TIMEOUT)) {
			throw new IllegalStateException(this + " survived SIGKILL for " + KILL_TIMEOUT.toSeconds() + " s");
		}
	}

	/**
	 * Asks the process to shut down (SIGTERM, after a SIGCONT in case it is frozen), and
	 * kills it if it has not ended within the grace period.
	 * @param grace how long it may take to shut down
	 */
	public void stop(Duration grace) {
		ChildProcesses.stop(List.of(this), grace);
	}

	/**
	 * Waits for the process to end.
	 * @param timeout how long to wait
	 * @return whether it ended
	 */
	public boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this, ex);
		}
	}

	// Java sends only SIGTERM and SIGKILL; the others go through kill(1).
	private void kill(Signal signal) {
		String flag = "-" + signal.name().toUpperCase(Locale.ROOT);
		try {
			Process kill = new ProcessBuilder("kill", flag, Long.toString(pid())).redirectErrorStream(true).start();
			kill.getOutputStream().close();
			if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + flag + " " + this + " failed: "
						+ new String(kill.getInputStream().readAllBytes()).strip());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run kill " + flag, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + this, ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " (PID " + pid() + ")";
	}

}
