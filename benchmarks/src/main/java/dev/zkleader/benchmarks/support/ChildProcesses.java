package dev.zkleader.benchmarks.support;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes a benchmark run started, and only those. Each one's output goes to its
 * own log file and, line by line, to a listener. Closing ends every one still alive, by
 * its own handle (that is, by PID), also when the run fails or is interrupted (a shutdown
 * hook). The PIDs are listed in a file as well, for a human to check after a crash of the
 * driver; the children themselves exit when their standard input closes, so they do not
 * outlive a driver that is killed outright.
 */
public final class ChildProcesses implements AutoCloseable {

	private final Path logDir;

	private final Path pidFile;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private final Thread shutdownHook = new Thread(this::close, "benchmark-cleanup");

	public ChildProcesses(Path logDir) throws IOException {
		this.logDir = Files.createDirectories(logDir);
		this.pidFile = logDir.resolve("children.pids");
		Files.writeString(this.pidFile, "");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	public Path logDir() {
		return this.logDir;
	}

	/**
	 * Starts a process; its standard input stays open as a pipe the child can watch.
	 * @param name names the log file ({@code name.log}) and the pump thread
	 * @param command the command line
	 * @param lines receives every output line (standard output and error merged)
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	public Process start(String name, List<String> command, Consumer<String> lines) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		Files.writeString(this.pidFile, process.pid() + " " + name + "\n", StandardOpenOption.APPEND);
		Path log = this.logDir.resolve(name + ".log");
		Thread pump = new Thread(() -> pump(process, log, lines), "output-" + name);
		pump.setDaemon(true);
		pump.start();
		return process;
	}

	private static void pump(Process process, Path log, Consumer<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter writer = Files.newBufferedWriter(log)) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.accept(line);
				writer.write(line);
				writer.newLine();
				writer.flush();
			}
		}
		catch (IOException ex) {
			// The process ended while we read: nothing more to pump.
		}
	}

	/**
	 * Asks a process to end (SIGTERM), then kills it if it has not ended in time.
	 * @param process one of ours
	 */
	public void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		this.processes.remove(process);
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.processes.clear();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: this is the hook running.
		}
	}

}
