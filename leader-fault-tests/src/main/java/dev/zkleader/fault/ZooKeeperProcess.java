package dev.zkleader.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A real ZooKeeper server ({@code ZooKeeperServerMain}) in its own process, on a fixed
 * loopback port and data directory so that a restart brings back the same server with its
 * sessions and nodes.
 */
final class ZooKeeperProcess {

	/**
	 * The server's tick: sessions are clamped to 2 to 20 ticks, so 200 ms allows 400 ms
	 * to 4 s, and expiry is checked every tick.
	 */
	static final int TICK_MILLIS = 200;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final ChildProcesses children;

	private final String java;

	private final String classpath;

	private final Path dir;

	private final int port;

	private @Nullable Process process;

	private int starts;

	ZooKeeperProcess(ChildProcesses children, String java, String classpath, Path dir) throws IOException {
		this.children = children;
		this.java = java;
		this.classpath = classpath;
		this.dir = dir;
		this.port = freePort();
		Path dataDir = Files.createDirectories(dir.resolve("zookeeper-data"));
		// No fsync: a killed process loses nothing the kernel already has, and fsync
		// stalls on a busy disk would distort the timings. maxClientCnxns=0: all proxies
		// connect from 127.0.0.1.
		Files.writeString(dir.resolve("zoo.cfg"),
				String.join("\n", "tickTime=" + TICK_MILLIS, "dataDir=" + dataDir.toAbsolutePath(),
						"clientPort=" + port, "clientPortAddress=127.0.0.1", "maxClientCnxns=0", "forceSync=no",
						"preAllocSize=4096", "admin.enableServer=false", "4lw.commands.whitelist=srvr", ""));
		Files.writeString(dir.resolve("zookeeper-logback.xml"), """
				<configuration>
				  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="INFO"><appender-ref ref="console"/></root>
				</configuration>
				""");
	}

	int port() {
		return this.port;
	}

	String connectString() {
		return "127.0.0.1:" + this.port;
	}

	void start() throws IOException {
		this.starts++;
		List<String> command = List.of(this.java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Dlogback.configurationFile=" + this.dir.resolve("zookeeper-logback.xml").toAbsolutePath(), "-cp",
				this.classpath, "org.apache.zookeeper.server.ZooKeeperServerMain",
				this.dir.resolve("zoo.cfg").toAbsolutePath().toString());
		Process started = this.children.start(command, this.dir.resolve("zookeeper.log"));
		this.process = started;
		awaitReady(started);
	}

	/**
	 * Crashes the server (SIGKILL), as a power cut or an OOM kill would.
	 */
	void kill() {
		Process current = this.process;
		if (current != null) {
			ChildProcesses.kill(current);
		}
	}

	@Nullable Process process() {
		return this.process;
	}

	// `ruok` answers before the server serves, and a client connecting in that gap hangs:
	// wait until `srvr` reports a mode.
	private void awaitReady(Process started) throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				throw new IOException("The ZooKeeper server (start " + this.starts + ") exited with code "
						+ started.exitValue() + "; see " + this.dir.resolve("zookeeper.log"));
			}
			if (srvr().contains("Mode:")) {
				return;
			}
			Pacing.sleep(Duration.ofMillis(20));
		}
		throw new IOException("The ZooKeeper server did not serve within " + READY_TIMEOUT.toSeconds() + " s");
	}

	private String srvr() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("srvr".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
