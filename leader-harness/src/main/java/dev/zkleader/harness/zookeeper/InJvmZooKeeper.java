package dev.zkleader.harness.zookeeper;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Curator's {@link TestingServer}: a real ZooKeeper server inside this JVM, on a free
 * port, with a temporary data directory; it serves about 0.1 s after the call.
 */
public final class InJvmZooKeeper {

	private InJvmZooKeeper() {
	}

	/**
	 * Starts a server.
	 * @param tickMillis its tick: ZooKeeper allows sessions of 2 to 20 ticks
	 * @return the serving server; closing it deletes its data
	 * @throws Exception if it cannot start
	 */
	public static TestingServer start(int tickMillis) throws Exception {
		return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, tickMillis, -1), true);
	}

}
