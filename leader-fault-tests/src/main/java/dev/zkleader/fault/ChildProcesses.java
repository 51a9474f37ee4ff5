package dev.zkleader.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the suite started. Output goes straight to a log file (no pipe that a
 * stopped reader could fill). Closing ends each one still alive, resuming stopped ones
 * first so that they can shut down; a shutdown hook does the same if the harness is
 * interrupted, and the PIDs are listed in a file so that a wrapper script can end them
 * should the harness itself be killed.
 */
final class ChildProcesses implements AutoCloseable {

	private static final long GRACE_SECONDS = 20;

	private final Path pidFile;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private final Thread shutdownHook = new Thread(this::close, "fault-suite-cleanup");

	ChildProcesses(Path pidFile) throws IOException {
		this.pidFile = pidFile;
		Files.writeString(pidFile, "");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	Process start(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		this.processes.add(process);
		Files.writeString(this.pidFile, process.pid() + "\n", StandardOpenOption.APPEND);
		return process;
	}

	/**
	 * Sends a signal that Java cannot send itself.
	 * @param process the target, one of ours
	 * @param signal {@code STOP} or {@code CONT}
	 */
	static void signal(Process process, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
			if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run kill -" + signal, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal, ex);
		}
	}

	/**
	 * Ends a process at once (SIGKILL) and waits until it is gone.
	 * @param process the process
	 */
	static void kill(Process process) {
		process.destroyForcibly();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while killing " + process.pid(), ex);
		}
	}

	/**
	 * Asks processes to shut down (SIGTERM) and waits for them, then kills any left.
	 * @param targets the processes
	 */
	static void terminate(List<Process> targets) {
		for (Process process : targets) {
			if (process.isAlive()) {
				// A stopped process cannot act on SIGTERM.
				signalQuietly(process, "CONT");
				process.destroy();
			}
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
		for (Process process : targets) {
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void signalQuietly(Process process, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start()
				.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// Best effort during cleanup: SIGKILL follows anyway.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		terminate(this.processes);
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: this is the hook running.
		}
		try {
			Files.deleteIfExists(this.pidFile);
		}
		catch (IOException ex) {
			// Only a hint for the wrapper script; nothing is left running.
		}
	}

}
