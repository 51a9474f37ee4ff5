package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short JDK tool ({@code jcmd}, {@code jstat}) against one of our processes and
 * returns its output; a tool that hangs is ended by its own handle.
 */
public final class ShortCommand {

	private ShortCommand() {
	}

	public static String run(List<String> command, Duration timeout) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException("Timed out after " + timeout + ": " + String.join(" ", command));
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IOException(
						"Exit code " + process.exitValue() + " from " + String.join(" ", command) + ": " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted: " + String.join(" ", command), ex);
		}
	}

	/**
	 * The path of a JDK tool next to the running {@code java}.
	 * @param tool for example {@code jcmd}
	 * @return its path
	 */
	public static String jdkTool(String tool) {
		Path path = Path.of(System.getProperty("java.home"), "bin", tool);
		return Files.isExecutable(path) ? path.toString() : tool;
	}

}
