package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import dev.zkleader.harness.net.LoopbackPorts;
import dev.zkleader.harness.process.ChildProcess;
import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.process.Output;
import dev.zkleader.harness.process.Signal;
import dev.zkleader.harness.time.Pause;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * A real ZooKeeper server in a process of its own: standalone, or one member of a
 * {@link ZooKeeperEnsemble}. Its ports and data directory stay the same across restarts,
 * so a restart brings back the same server with its sessions and nodes. It counts as
 * serving once {@code srvr} reports a mode.
 * <p>
 * In its directory: {@code zoo.cfg}, {@code data/} (emptied before the first start) and
 * {@code zookeeper.log}.
 */
public final class ZooKeeperServer implements AutoCloseable {

	private static final String LOGGING = "dev/zkleader/harness/zookeeper/zookeeper-logback.xml";

	private final ChildProcesses children;

	private final ServerOptions options;

	private final int id;

	private final Path dir;

	private final int clientPort;

	private final @Nullable SSLContext tls;

	private @Nullable ChildProcess process;

	private int starts;

	ZooKeeperServer(ChildProcesses children, ServerOptions options, int id, Path dir, int clientPort,
			List<ServerConfig.Peer> peers) throws IOException {
		this.children = children;
		this.options = options;
		this.id = id;
		this.dir = Files.createDirectories(dir);
		this.clientPort = clientPort;
		TlsStores stores = options.tls();
		this.tls = (stores != null) ? stores.clientContext() : null;
		ServerConfig.write(config(), options, dataDir(), clientPort, peers);
	}

	/**
	 * Starts a standalone server and waits until it serves.
	 * @param children where its process is registered
	 * @param dir a directory of its own
	 * @param options how it runs
	 * @return the serving server
	 * @throws IOException if it cannot start or does not serve in time
	 */
	public static ZooKeeperServer standalone(ChildProcesses children, Path dir, ServerOptions options)
			throws IOException {
		int port = (options.clientPort() != 0) ? options.clientPort() : LoopbackPorts.free();
		ZooKeeperServer server = new ZooKeeperServer(children, options, 0, dir, port, List.of());
		server.start();
		return server;
	}

	/**
	 * Its {@code myid} in an ensemble.
	 * @return the id, from 1; 0 for a standalone server
	 */
	public int id() {
		return this.id;
	}

	public int clientPort() {
		return this.clientPort;
	}

	public String connectString() {
		return "127.0.0.1:" + this.clientPort;
	}

	public Path log() {
		return this.dir.resolve("zookeeper.log");
	}

	public Path dataDir() {
		return this.dir.resolve("data");
	}

	/**
	 * Starts the process (again, with the same data) and waits until it serves.
	 * @throws IOException if it cannot start or does not serve in time
	 */
	public void start() throws IOException {
		spawn();
		awaitServing();
	}

	/**
	 * Asks the server to shut down (SIGTERM) and waits, killing it if need be.
	 */
	public void stop() {
		ChildProcess current = this.process;
		if (current != null) {
			current.stop(ChildProcesses.GRACE);
		}
	}

	/**
	 * Crashes the server (SIGKILL), as a power cut or an OOM kill would, and waits until
	 * it is gone.
	 */
	public void kill() {
		ChildProcess current = this.process;
		if (current != null) {
			current.kill();
		}
	}

	/**
	 * Stops the server, starts it again and waits until it serves.
	 * @throws IOException if it does not serve in time
	 */
	public void restart() throws IOException {
		stop();
		start();
	}

	/**
	 * Freezes the server (SIGSTOP): its clients and peers see no answer and no close.
	 */
	public void pause() {
		running().signal(Signal.STOP);
	}

	/**
	 * Resumes a frozen server (SIGCONT).
	 */
	public void resume() {
		running().signal(Signal.CONT);
	}

	public boolean isRunning() {
		ChildProcess current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Its process now.
	 * @return the process
	 * @throws IllegalStateException if it was never started
	 */
	public ChildProcess process() {
		ChildProcess current = this.process;
		if (current == null) {
			throw new IllegalStateException(name() + " was never started");
		}
		return current;
	}

	public long pid() {
		return process().pid();
	}

	/**
	 * What {@code srvr} reports now.
	 * @return {@code standalone}, {@code leader}, {@code follower} or {@code observer};
	 * empty while it does not serve
	 */
	public Optional<String> mode() {
		return FourLetterWords.mode(fourLetterWord("srvr"));
	}

	/**
	 * Sends a four-letter word (over TLS for a TLS server).
	 * @param word one the options allow
	 * @return the answer, empty if the server did not answer
	 */
	public String fourLetterWord(String word) {
		return FourLetterWords.send(this.clientPort, word, this.tls);
	}

	void spawn() throws IOException {
		if (isRunning()) {
			throw new IllegalStateException(name() + " is already running");
		}
		if (this.starts++ == 0) {
			FileSystemUtils.deleteRecursively(dataDir());
			Files.createDirectories(dataDir());
			if (this.id > 0) {
				Files.writeString(dataDir().resolve("myid"), this.id + "\n");
			}
		}
		List<String> jvmOptions = new ArrayList<>(this.options.jvmOptions());
		jvmOptions.add("-Dlogback.configurationFile=" + LOGGING);
		List<String> command = Jvm.command(jvmOptions, this.options.classpath(), ServerMain.class.getName(),
				List.of(config().toAbsolutePath().toString()));
		this.process = this.children.start(name(), command, Output.toFile(log()));
	}

	void awaitServing() throws IOException {
		ChildProcess started = process();
		long deadline = System.nanoTime() + this.options.readyTimeout().toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				throw new IOException(name() + " (start " + this.starts + ") exited with code "
						+ started.process().exitValue() + "; see " + log());
			}
			if (mode().isPresent()) {
				return;
			}
			Pause.millis(20);
		}
		throw new IOException(
				name() + " did not serve within " + this.options.readyTimeout().toSeconds() + " s; see " + log());
	}

	private ChildProcess running() {
		if (!isRunning()) {
			throw new IllegalStateException(name() + " is not running");
		}
		return process();
	}

	private Path config() {
		return this.dir.resolve("zoo.cfg");
	}

	private String name() {
		return (this.id > 0) ? "zookeeper-" + this.id : "zookeeper";
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return name() + " on " + connectString();
	}

}
