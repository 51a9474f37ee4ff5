package dev.zkleader.harness.zookeeper;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.zkleader.harness.process.Jvm;
import org.jspecify.annotations.Nullable;

/**
 * How ZooKeeper server processes run. Immutable: each setting returns a changed copy.
 * Start from {@link #defaults()}.
 */
public final class ServerOptions {

	private int tickMillis = 200;

	private int clientPort;

	private boolean fsync = true;

	private @Nullable TlsStores tls;

	private Set<String> fourLetterWords = Set.of("srvr");

	private int maxClientConnections = -1;

	private List<String> jvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

	private String classpath = Jvm.classpath();

	private Duration readyTimeout = Duration.ofSeconds(120);

	private ServerOptions() {
	}

	private ServerOptions(ServerOptions other) {
		this.tickMillis = other.tickMillis;
		this.clientPort = other.clientPort;
		this.fsync = other.fsync;
		this.tls = other.tls;
		this.fourLetterWords = other.fourLetterWords;
		this.maxClientConnections = other.maxClientConnections;
		this.jvmOptions = other.jvmOptions;
		this.classpath = other.classpath;
		this.readyTimeout = other.readyTimeout;
	}

	/**
	 * A 200 ms tick (sessions of 400 ms to 4 s), a free client port, fsync on, plain TCP,
	 * {@code srvr} only, ZooKeeper's connection limit, a small JVM with this JVM's class
	 * path, two minutes to serve.
	 * @return the defaults
	 */
	public static ServerOptions defaults() {
		return new ServerOptions();
	}

	/**
	 * The server's {@code tickTime}: it clamps session timeouts to 2 to 20 ticks and
	 * expires sessions on its tick.
	 * @param millis the tick
	 * @return the changed options
	 */
	public ServerOptions tickTime(int millis) {
		return with((copy) -> copy.tickMillis = millis);
	}

	/**
	 * A fixed client port for a standalone server (an ensemble always picks free ports).
	 * The port stays the same across restarts either way.
	 * @param port the port, or 0 for a free one
	 * @return the changed options
	 */
	public ServerOptions clientPort(int port) {
		return with((copy) -> copy.clientPort = port);
	}

	/**
	 * Whether every transaction is synced to disk before it is acknowledged. Off, a
	 * killed process still loses nothing the kernel has, and fsync stalls of a busy disk
	 * do not distort timings; the transaction log is also preallocated in small steps.
	 * @param fsync on (as in production) or off
	 * @return the changed options
	 */
	public ServerOptions fsync(boolean fsync) {
		return with((copy) -> copy.fsync = fsync);
	}

	/**
	 * Serve only a TLS client port (and no plaintext one), with these stores.
	 * @param stores the server's key and trust stores; readiness is checked with them too
	 * @return the changed options
	 */
	public ServerOptions tls(TlsStores stores) {
		return with((copy) -> copy.tls = stores);
	}

	/**
	 * More four-letter words to allow besides {@code srvr}, such as {@code mntr} or
	 * {@code wchp}.
	 * @param words the words
	 * @return the changed options
	 */
	public ServerOptions fourLetterWords(String... words) {
		return with((copy) -> {
			Set<String> all = new LinkedHashSet<>(this.fourLetterWords);
			all.addAll(List.of(words));
			copy.fourLetterWords = Set.copyOf(all);
		});
	}

	/**
	 * The most connections one client address may open; 0 for no limit (every client and
	 * proxy connects from 127.0.0.1, and ZooKeeper allows 60 by default).
	 * @param max the limit
	 * @return the changed options
	 */
	public ServerOptions maxClientConnections(int max) {
		return with((copy) -> copy.maxClientConnections = max);
	}

	/**
	 * The server processes' JVM options.
	 * @param options such as {@code -Xmx512m}
	 * @return the changed options
	 */
	public ServerOptions jvmOptions(List<String> options) {
		return with((copy) -> copy.jvmOptions = List.copyOf(options));
	}

	/**
	 * The server processes' class path: ZooKeeper, its optional run-time jars
	 * ({@code metrics-core}, {@code snappy-java}), an SLF4J binding and this module.
	 * @param classpath the class path
	 * @return the changed options
	 */
	public ServerOptions classpath(String classpath) {
		return with((copy) -> copy.classpath = classpath);
	}

	/**
	 * How long a server may take to serve after its process starts.
	 * @param timeout the bound
	 * @return the changed options
	 */
	public ServerOptions readyTimeout(Duration timeout) {
		return with((copy) -> copy.readyTimeout = timeout);
	}

	private ServerOptions with(Consumer<ServerOptions> change) {
		ServerOptions copy = new ServerOptions(this);
		change.accept(copy);
		return copy;
	}

	public int tickMillis() {
		return this.tickMillis;
	}

	/**
	 * The shortest session the server grants.
	 * @return two ticks
	 */
	public Duration minSessionTimeout() {
		return Duration.ofMillis(2L * this.tickMillis);
	}

	/**
	 * The longest session the server grants.
	 * @return twenty ticks
	 */
	public Duration maxSessionTimeout() {
		return Duration.ofMillis(20L * this.tickMillis);
	}

	int clientPort() {
		return this.clientPort;
	}

	boolean fsync() {
		return this.fsync;
	}

	@Nullable TlsStores tls() {
		return this.tls;
	}

	Set<String> fourLetterWords() {
		return this.fourLetterWords;
	}

	int maxClientConnections() {
		return this.maxClientConnections;
	}

	List<String> jvmOptions() {
		return this.jvmOptions;
	}

	String classpath() {
		return this.classpath;
	}

	Duration readyTimeout() {
		return this.readyTimeout;
	}

}
