package dev.zkleader.harness.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Every process a caller started, and only those. Closing ends each one still alive,
 * resuming frozen ones first so that they can shut down; a shutdown hook does the same
 * when this JVM is interrupted or fails outside a {@code try}. The PIDs can be listed in
 * a file, so that a wrapper script can end them should this JVM itself be killed (see
 * {@code src/main/sh/end-children.sh}).
 */
public final class ChildProcesses implements AutoCloseable {

	/**
	 * How long children may take to shut down before they are killed.
	 */
	public static final Duration GRACE = Duration.ofSeconds(20);

	private final @Nullable Path pidFile;

	private final List<ChildProcess> children = new CopyOnWriteArrayList<>();

	private final Thread shutdownHook = new Thread(this::close, "child-processes-cleanup");

	/**
	 * Children whose PIDs are not written anywhere.
	 */
	public ChildProcesses() {
		this.pidFile = null;
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Children whose PIDs (and names) are listed in a file, one {@code pid name} a line,
	 * until they are closed.
	 * @param pidFile the file, created or emptied now and deleted on close
	 * @throws IOException if the file cannot be written
	 */
	public ChildProcesses(Path pidFile) throws IOException {
		this.pidFile = pidFile;
		Files.createDirectories(pidFile.toAbsolutePath().getParent());
		Files.writeString(pidFile, "");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a process. Its standard input stays open as a pipe, which the child can
	 * watch to exit when this JVM is gone.
	 * @param name names the process in messages, the PID file and its output thread
	 * @param command the command line
	 * @param output where its output goes
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	public ChildProcess start(String name, List<String> command, Output output) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command);
		output.configure(builder);
		Process process = builder.start();
		ChildProcess child = new ChildProcess(name, process, output.log(), output.attach(process, name));
		this.children.add(child);
		if (this.pidFile != null) {
			Files.writeString(this.pidFile, process.pid() + " " + name + "\n", StandardOpenOption.APPEND);
		}
		return child;
	}

	/**
	 * Every process started so far, ended ones included.
	 * @return them, in start order
	 */
	public List<ChildProcess> started() {
		return List.copyOf(this.children);
	}

	/**
	 * Asks processes to shut down (SIGCONT, then SIGTERM) and waits for them all, then
	 * kills (SIGKILL) any left when the grace period is over.
	 * @param targets the processes
	 * @param grace how long they may take, together
	 */
	public static void stop(Collection<ChildProcess> targets, Duration grace) {
		for (ChildProcess child : targets) {
			if (child.isAlive()) {
				// A frozen process cannot act on SIGTERM.
				try {
					child.resume();
				}
				catch (IllegalStateException ex) {
					// It ended meanwhile; SIGKILL follows anyway if not.
				}
				child.signal(Signal.TERM);
			}
		}
		long deadline = System.nanoTime() + grace.toNanos();
		boolean interrupted = false;
		for (ChildProcess child : targets) {
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				if (!child.process().waitFor(left, TimeUnit.NANOSECONDS)) {
					child.signal(Signal.KILL);
					child.process().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				child.signal(Signal.KILL);
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop(this.children, GRACE);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: this is the hook running.
		}
		if (this.pidFile != null) {
			try {
				Files.deleteIfExists(this.pidFile);
			}
			catch (IOException ex) {
				// Only a hint for the wrapper script; nothing is left running.
			}
		}
	}

}
