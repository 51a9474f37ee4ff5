package dev.zkleader.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.zkleader.TestZooKeeper;
import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServerMain;

import static org.awaitility.Awaitility.await;

/**
 * A real ZooKeeper server that serves only a TLS client port, in a process of its own.
 * <p>
 * Not Curator's {@code TestingServer}, although it would accept the same settings as
 * custom properties: the server turns its {@code ssl.*} and {@code serverCnxnFactory}
 * settings into JVM-wide {@code zookeeper.*} system properties. Every ZooKeeper client in
 * the test JVM would then inherit the server's key and trust stores, so a test could not
 * tell whether the starter passes its own, and later servers would inherit the connection
 * factory.
 */
final class TlsZooKeeperServer implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private final Path log;

	private TlsZooKeeperServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static TlsZooKeeperServer start(Path directory, TestKeyStores stores) throws IOException {
		int port = freePort();
		Path dataDir = Files.createDirectories(directory.resolve("zookeeper-data"));
		Path config = directory.resolve("zoo.cfg");
		// No clientPort: plaintext clients have nowhere to go.
		Files.writeString(config,
				String.join("\n", "tickTime=" + TestZooKeeper.TICK_MILLIS, "dataDir=" + dataDir.toAbsolutePath(),
						"secureClientPort=" + port, "secureClientPortAddress=127.0.0.1",
						// Only the Netty connection factory speaks TLS.
						"serverCnxnFactory=" + NettyServerCnxnFactory.class.getName(),
						"ssl.keyStore.location=" + stores.keyStore().toAbsolutePath(),
						"ssl.keyStore.password=" + stores.keyStorePassword(),
						"ssl.trustStore.location=" + stores.trustStore().toAbsolutePath(),
						"ssl.trustStore.password=" + stores.trustStorePassword(), "admin.enableServer=false", ""));
		Path logging = directory.resolve("zookeeper-logback.xml");
		Files.writeString(logging, """
				<configuration>
				  <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="INFO"><appender-ref ref="console"/></root>
				</configuration>
				""");
		Path log = directory.resolve("zookeeper.log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
				"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Dlogback.configurationFile=" + logging.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
				ZooKeeperServerMain.class.getName(), config.toAbsolutePath().toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		TlsZooKeeperServer server = new TlsZooKeeperServer(process, port, log);
		try {
			server.awaitListening();
		}
		catch (RuntimeException ex) {
			server.close();
			throw new IllegalStateException("The TLS ZooKeeper server did not start; its log:\n" + server.log(), ex);
		}
		return server;
	}

	String connectString() {
		return "127.0.0.1:" + this.port;
	}

	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// The port opens just before the server serves; a client that comes in between is
	// turned away and retries.
	private void awaitListening() {
		await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited with code " + this.process.exitValue());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
