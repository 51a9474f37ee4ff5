package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.zkleader.harness.net.LoopbackPorts;
import dev.zkleader.harness.process.ChildProcesses;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standalone ZooKeeper server processes: they serve once started, on a free or a fixed
 * port, with the tick they were given; a restart or a crash keeps port and data; TLS
 * serves TLS only; a server ends with the JVM that started it.
 */
class ZooKeeperServerTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	private final ChildProcesses children = new ChildProcesses();

	@AfterEach
	void endProcesses() {
		this.children.close();
	}

	@Test
	void servesOnAFreePortWithTheTickItWasGiven() throws Exception {
		ZooKeeperServer server = ZooKeeperServer.standalone(this.children, this.dir,
				ServerOptions.defaults().tickTime(300));
		assertThat(server.mode()).hasValue("standalone");
		try (CuratorFramework client = connect(server.connectString(), 100)) {
			// The server raises a session shorter than 2 ticks to 2 ticks.
			assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(600);
			client.create().forPath("/served", "yes".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(Files.readString(server.log())).contains("binding to port");
	}

	@Test
	void restartAndCrashKeepTheFixedPortAndTheData() throws Exception {
		int port = LoopbackPorts.free();
		ZooKeeperServer server = ZooKeeperServer.standalone(this.children, this.dir,
				ServerOptions.defaults().clientPort(port).fsync(false));
		assertThat(server.connectString()).isEqualTo("127.0.0.1:" + port);
		try (CuratorFramework client = connect(server.connectString(), 4000)) {
			client.create().forPath("/kept", "before".getBytes(StandardCharsets.UTF_8));
		}
		long firstPid = server.pid();

		server.restart();
		assertThat(server.pid()).isNotEqualTo(firstPid);
		assertThat(read(server, "/kept")).isEqualTo("before");

		try (CuratorFramework client = connect(server.connectString(), 4000)) {
			client.setData().forPath("/kept", "after".getBytes(StandardCharsets.UTF_8));
		}
		server.kill();
		assertThat(server.isRunning()).isFalse();
		assertThat(server.mode()).isEmpty();
		server.start();
		assertThat(server.connectString()).isEqualTo("127.0.0.1:" + port);
		// Without fsync, a killed process still loses nothing the kernel had.
		assertThat(read(server, "/kept")).isEqualTo("after");
	}

	@Test
	void tlsServerAnswersOnlyOverTls() throws Exception {
		TlsStores stores = TlsStores.generate(Files.createDirectories(this.dir.resolve("stores")));
		ZooKeeperServer server = ZooKeeperServer.standalone(this.children, this.dir.resolve("server"),
				ServerOptions.defaults().tls(stores));
		// Readiness went through TLS already; plain TCP gets no answer on that port.
		assertThat(server.mode()).hasValue("standalone");
		assertThat(plaintextSrvr(server.clientPort())).doesNotContain("Mode:");
		assertThat(Files.readString(this.dir.resolve("server").resolve("zoo.cfg"))).doesNotContain("clientPort=")
			.contains("secureClientPort=" + server.clientPort());
	}

	@Test
	void serverEndsWhenTheJvmThatStartedItIsGone() throws Exception {
		ZooKeeperServer server = ZooKeeperServer.standalone(this.children, this.dir, ServerOptions.defaults());
		// What the death of this JVM does to the pipe of the server's standard input.
		server.process().process().getOutputStream().close();
		assertThat(server.process().awaitExit(PATIENCE)).isTrue();
	}

	// With a line end, as nc sends it: five bytes make a TLS record header, so a TLS
	// server refuses at once instead of waiting for more.
	private static String plaintextSrvr(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout((int) PATIENCE.toMillis());
			socket.getOutputStream().write("srvr\n".getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String read(ZooKeeperServer server, String path) throws Exception {
		try (CuratorFramework client = connect(server.connectString(), 4000)) {
			return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
		}
	}

	static CuratorFramework connect(String connectString, int sessionMillis) throws InterruptedException {
		CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, sessionMillis, 5000,
				new RetryNTimes(20, 250));
		client.start();
		if (!client.blockUntilConnected((int) PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
			client.close();
			throw new IllegalStateException("Could not connect to " + connectString);
		}
		return client;
	}

}
