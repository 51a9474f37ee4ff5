package dev.zkleader.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ZooKeeper server ({@code ZooKeeperServerMain}) in its own process, on a free
 * loopback port, with a short tick so that sessions can be short.
 */
final class ZooKeeperServer {

	static final int TICK_MILLIS = 200;

	// ZooKeeper clamps session timeouts to 2 to 20 ticks.
	static final Duration MIN_SESSION = Duration.ofMillis(2 * TICK_MILLIS);

	static final Duration MAX_SESSION = Duration.ofMillis(20 * TICK_MILLIS);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final int port;

	private ZooKeeperServer(int port) {
		this.port = port;
	}

	static ZooKeeperServer start(ChildProcesses children, String classpath, Path workDir) throws IOException {
		int port = freePort();
		Path dataDir = Files.createDirectories(workDir.resolve("zookeeper-data"));
		Path config = workDir.resolve("zoo.cfg");
		Files.writeString(config,
				String.join("\n", "tickTime=" + TICK_MILLIS, "dataDir=" + dataDir.toAbsolutePath(),
						"clientPort=" + port, "clientPortAddress=127.0.0.1", "admin.enableServer=false",
						"4lw.commands.whitelist=srvr", ""));
		Path logging = workDir.resolve("zookeeper-logback.xml");
		Files.writeString(logging, """
				<configuration>
				  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="INFO"><appender-ref ref="console"/></root>
				</configuration>
				""");
		List<String> command = List.of(FailoverDemo.java(), "-Xmx256m", "-XX:+UseSerialGC",
				"-Dlogback.configurationFile=" + logging.toAbsolutePath(), "-cp", classpath,
				"org.apache.zookeeper.server.ZooKeeperServerMain", config.toAbsolutePath().toString());
		Process process = children.start("zookeeper", command, workDir.resolve("zookeeper.log"), (line) -> {
		});
		ZooKeeperServer server = new ZooKeeperServer(port);
		server.awaitReady(process);
		return server;
	}

	String connectString() {
		return "127.0.0.1:" + this.port;
	}

	// `ruok` answers before the server serves, and a client connecting in that gap hangs:
	// wait until `srvr` reports a mode.
	private void awaitReady(Process process) throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("The ZooKeeper server exited with code " + process.exitValue());
			}
			if (srvr().contains("Mode:")) {
				return;
			}
			pause(Duration.ofMillis(50));
		}
		throw new IOException("The ZooKeeper server did not serve within " + READY_TIMEOUT.toSeconds() + " s");
	}

	private String srvr() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
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
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
