package dev.zkleader;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.zkleader.harness.zookeeper.InJvmZooKeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A real ZooKeeper server for tests, with a short tick so that sessions can be short
 * (ZooKeeper allows 2 to 20 ticks).
 */
public final class TestZooKeeper {

	/**
	 * The server tick; sessions may range from 400 ms to 4 s.
	 */
	public static final int TICK_MILLIS = 200;

	private TestZooKeeper() {
	}

	public static TestingServer start() throws Exception {
		return InJvmZooKeeper.start(TICK_MILLIS);
	}

	/**
	 * Expires the client's session on the server, as a long pause or partition would:
	 * another handle with the same session id closes it, so the server deletes its
	 * ephemeral nodes at once.
	 * @param client the client whose session to expire
	 * @param connectString where the server is
	 * @throws Exception if the server cannot be reached
	 */
	public static void expireSession(CuratorFramework client, String connectString) throws Exception {
		ZooKeeper victim = client.getZookeeperClient().getZooKeeper();
		CountDownLatch connected = new CountDownLatch(1);
		ZooKeeper killer = new ZooKeeper(connectString, (int) Duration.ofSeconds(4).toMillis(), (event) -> {
			if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
				connected.countDown();
			}
		}, victim.getSessionId(), victim.getSessionPasswd());
		try {
			if (!connected.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Could not attach to the session to expire it");
			}
		}
		finally {
			killer.close();
		}
	}

}
