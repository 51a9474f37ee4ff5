package dev.zkleader.harness.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command, such as a JDK tool ({@code keytool}, {@code jcmd}), and returns
 * its output; a command that hangs is ended by its own handle.
 */
public final class ShortCommand {

	private ShortCommand() {
	}

	/**
	 * Runs a command to its end.
	 * @param command the command line
	 * @param timeout how long it may take
	 * @return its output (standard output and error merged)
	 * @throws IOException if it cannot be run, times out or exits with a code other than
	 * 0 (the message holds its output)
	 */
	public static String run(List<String> command, Duration timeout) throws IOException {
		Path output = Files.createTempFile("short-command", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			try {
				process.getOutputStream().close();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IOException("Timed out after " + timeout + ": " + String.join(" ", command));
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted: " + String.join(" ", command), ex);
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IOException(
						"Exit code " + process.exitValue() + " from " + String.join(" ", command) + ": " + printed);
			}
			return printed;
		}
		finally {
			Files.deleteIfExists(output);
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
