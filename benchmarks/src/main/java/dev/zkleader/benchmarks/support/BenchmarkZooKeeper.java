package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.zkleader.harness.process.ChildProcesses;
import dev.zkleader.harness.process.Jvm;
import dev.zkleader.harness.zookeeper.ServerOptions;
import dev.zkleader.harness.zookeeper.ZooKeeperEnsemble;
import dev.zkleader.harness.zookeeper.ZooKeeperServer;

/**
 * The benchmarks' ZooKeeper server: standalone, in its own process on a free loopback
 * port, so that its CPU time and memory can be read from {@code /proc} apart from the
 * clients'.
 * <p>
 * The tick is 1 s: ZooKeeper clamps session timeouts to 2 to 20 ticks, so sessions of 2 s
 * to 20 s are all honoured as requested (the crash benchmark needs 2, 5 and 15 s).
 * {@code maxClientCnxns=0}: the scale benchmark opens 200 sessions from one address (the
 * default allows 60). Disk sync stays on, as in production: every election write is
 * fsync'ed, for every contender alike.
 */
public final class BenchmarkZooKeeper {

	/**
	 * The server's {@code tickTime}.
	 */
	public static final int TICK_MILLIS = 1000;

	/**
	 * The JVM options of the server process.
	 */
	public static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

	private static final ServerOptions OPTIONS = ServerOptions.defaults()
		.tickTime(TICK_MILLIS)
		.maxClientConnections(0)
		.fourLetterWords("mntr", "wchs", "wchp", "cons")
		.jvmOptions(JVM_OPTIONS)
		.classpath(Jvm.classpath());

	private BenchmarkZooKeeper() {
	}

	/**
	 * Starts a server with an empty data directory and waits until it serves.
	 * @param children where the process is registered
	 * @param workDir a directory of its own for data, configuration and log
	 * @return the serving server
	 * @throws IOException if it cannot be started or does not serve in time
	 */
	public static ZooKeeperServer start(ChildProcesses children, Path workDir) throws IOException {
		return ZooKeeperServer.standalone(children, workDir, OPTIONS);
	}

	/**
	 * Starts an ensemble of three server processes, each like the standalone server (same
	 * tick, JVM options and disk sync), with empty data directories, and waits until
	 * every member serves.
	 * @param children where the processes are registered
	 * @param workDir a directory of its own for the members
	 * @return the serving ensemble
	 * @throws IOException if a member cannot be started or does not serve in time
	 */
	public static ZooKeeperEnsemble startEnsemble(ChildProcesses children, Path workDir) throws IOException {
		return ZooKeeperEnsemble.start(children, workDir, 3, OPTIONS);
	}

}
