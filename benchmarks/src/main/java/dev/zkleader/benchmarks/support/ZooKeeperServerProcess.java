package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ZooKeeper server ({@code ZooKeeperServerMain}, standalone) in its own process on
 * a free loopback port, so that its CPU time and memory can be read from {@code /proc}
 * apart from the clients'.
 * <p>
 * The tick is 1 s: ZooKeeper clamps session timeouts to 2 to 20 ticks, so sessions of 2 s
 * to 20 s are all honoured as requested (the crash benchmark needs 2, 5 and 15 s).
 */
public final class ZooKeeperServerProcess {

	/**
	 * The server's {@code tickTime}.
	 */
	public static final int TICK_MILLIS = 1000;

	/**
	 * The JVM options of the server process.
	 */
	public static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private final ChildProcesses children;

	private final Process process;

	private final int port;

	private ZooKeeperServerProcess(ChildProcesses children, Process process, int port) {
		this.children = children;
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a server with an empty data directory and waits until it serves.
	 * @param children where the process is registered
	 * @param classpath a class path with ZooKeeper and this module's classes
	 * @param workDir a directory of its own for data and configuration
	 * @param name names the log file
	 * @return the serving server
	 * @throws IOException if it cannot be started or does not serve in time
	 */
	public static ZooKeeperServerProcess start(ChildProcesses children, String classpath, Path workDir, String name)
			throws IOException {
		int port = freePort();
		Path dataDir = Files.createDirectories(workDir.resolve("data"));
		Path config = workDir.resolve("zoo.cfg");
		// maxClientCnxns=0: the scale benchmark opens 200 sessions from one address (the
		// default allows 60). Disk sync stays on, as in production: every election write
		// is
		// fsync'ed, for every contender alike.
		Files.writeString(config,
				String.join("\n", "tickTime=" + TICK_MILLIS, "dataDir=" + dataDir.toAbsolutePath(),
						"clientPort=" + port, "clientPortAddress=127.0.0.1", "maxClientCnxns=0",
						"admin.enableServer=false", "4lw.commands.whitelist=srvr,mntr,wchs,wchp,cons", ""));
		List<String> command = new ArrayList<>();
		command.add(Java.executable());
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-Dlogback.configurationFile=" + Logging.ZOOKEEPER, "-cp", classpath,
				ZooKeeperServerLauncher.class.getName(), config.toAbsolutePath().toString()));
		Process process = children.start(name, command, (line) -> {
		});
		ZooKeeperServerProcess server = new ZooKeeperServerProcess(children, process, port);
		server.awaitServing();
		return server;
	}

	public String connectString() {
		return "127.0.0.1:" + this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Sends a four-letter word and returns the answer.
	 * @param word {@code srvr}, {@code mntr}, {@code wchs} or {@code cons}
	 * @return the answer, empty if the server did not answer
	 */
	public String fourLetterWord(String word) {
		return FourLetterWords.send(this.port, word);
	}

	/**
	 * One of the server's monitoring counters ({@code mntr}).
	 * @param name such as {@code zk_watch_count}
	 * @return its value
	 */
	public long monitoringValue(String name) {
		return FourLetterWords.monitoringValue(this.port, name);
	}

	/**
	 * The watches the server holds, by path ({@code wchp}).
	 * @return for each watched path, the sessions watching it
	 */
	public Map<String, List<String>> watchesByPath() {
		Map<String, List<String>> watches = new LinkedHashMap<>();
		List<String> sessions = null;
		for (String line : fourLetterWord("wchp").split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			if (Character.isWhitespace(line.charAt(0))) {
				if (sessions != null) {
					sessions.add(line.trim());
				}
			}
			else {
				sessions = new ArrayList<>();
				watches.put(line.trim(), sessions);
			}
		}
		return watches;
	}

	/**
	 * Stops the server (SIGTERM, then SIGKILL if need be).
	 */
	public void stop() {
		this.children.stop(this.process);
	}

	// `ruok` answers before the server serves, and a client connecting in that gap hangs:
	// wait until `srvr` reports a mode.
	private void awaitServing() throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("The ZooKeeper server exited with code " + this.process.exitValue());
			}
			if (fourLetterWord("srvr").contains("Mode:")) {
				return;
			}
			Pause.millis(50);
		}
		throw new IOException("The ZooKeeper server did not serve within " + READY_TIMEOUT.toSeconds() + " s");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
