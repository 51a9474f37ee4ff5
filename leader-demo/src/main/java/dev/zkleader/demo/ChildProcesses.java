package dev.zkleader.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes the demo started. Each one's output goes to its own log file and, line by
 * line, to a listener. Closing ends every one of them that is still alive; the PIDs are
 * also written to a file so that the demo script can end them should this JVM itself be
 * killed.
 */
final class ChildProcesses implements AutoCloseable {

	private final Path pidFile;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	private final Thread shutdownHook = new Thread(this::close, "demo-cleanup");

	ChildProcesses(Path pidFile) throws IOException {
		this.pidFile = pidFile;
		Files.createDirectories(pidFile.getParent());
		Files.writeString(pidFile, "");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	Process start(String name, List<String> command, Path log, Consumer<String> lines) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		Files.writeString(this.pidFile, process.pid() + "\n", StandardOpenOption.APPEND);
		Thread pump = new Thread(() -> pump(process, log, lines), "demo-log-" + name);
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
				writer.write(line);
				writer.newLine();
				writer.flush();
				lines.accept(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
			// Only a hint for the script; nothing is left running.
		}
	}

}
