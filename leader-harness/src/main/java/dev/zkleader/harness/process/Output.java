package dev.zkleader.harness.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where a child's output (standard output and error merged) goes: a log file, and
 * optionally, line by line, a listener.
 */
public final class Output {

	private final Path log;

	private final @Nullable Consumer<String> lines;

	private Output(Path log, @Nullable Consumer<String> lines) {
		this.log = log;
		this.lines = lines;
	}

	/**
	 * Straight into a file, appended, so that a restarted process continues its log. No
	 * pipe is involved, so a child keeps running whatever this JVM does (a pipe that
	 * nobody reads fills up and blocks the child).
	 * @param log the log file
	 * @return the output
	 */
	public static Output toFile(Path log) {
		return new Output(log, null);
	}

	/**
	 * Through a pipe that a daemon thread reads: each line goes to the (new) log file and
	 * then to the listener.
	 * @param log the log file, truncated when the process starts
	 * @param lines the listener; called on the reading thread
	 * @return the output
	 */
	public static Output pumped(Path log, Consumer<String> lines) {
		return new Output(log, lines);
	}

	Path log() {
		return this.log;
	}

	void configure(ProcessBuilder builder) throws IOException {
		Files.createDirectories(this.log.toAbsolutePath().getParent());
		builder.redirectErrorStream(true);
		if (this.lines == null) {
			builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		}
	}

	// Completes once the output has all gone where it goes: at the end of the process for
	// a file, once the listener has seen the last line for pumped output.
	CompletableFuture<Void> attach(Process process, String name) {
		Consumer<String> listener = this.lines;
		if (listener == null) {
			return process.onExit().thenApply((ended) -> null);
		}
		CompletableFuture<Void> drained = new CompletableFuture<>();
		Thread pump = new Thread(() -> {
			try {
				pump(process, listener);
			}
			finally {
				drained.complete(null);
			}
		}, "output-" + name);
		pump.setDaemon(true);
		pump.start();
		return drained;
	}

	private void pump(Process process, Consumer<String> listener) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				BufferedWriter writer = Files.newBufferedWriter(this.log)) {
			String line;
			while ((line = reader.readLine()) != null) {
				writer.write(line);
				writer.newLine();
				writer.flush();
				try {
					listener.accept(line);
				}
				catch (RuntimeException ex) {
					// Keep reading: an unread pipe fills up and blocks the child.
					writer.write("(the driver could not read the line above: " + ex + ")");
					writer.newLine();
				}
			}
		}
		catch (IOException ex) {
			// The process ended while we read: nothing more to pump.
		}
	}

}
