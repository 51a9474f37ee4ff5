package dev.zkleader.benchmarks.scale;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.zkleader.benchmarks.support.OperationCounter;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jspecify.annotations.Nullable;

/**
 * One participant of the scale benchmark: its own Curator client (own ZooKeeper session
 * and connection, own threads) and {@link LeaderLatch}, the recipe the starter runs, with
 * a counter of the ZooKeeper operations it performs.
 */
final class ScaleParticipant {

	private final String id;

	private final String path;

	private final Object grants;

	private final CuratorFramework client;

	private final OperationCounter operations;

	private @Nullable LeaderLatch latch;

	private volatile long grantedNanos;

	ScaleParticipant(String id, String connectString, String path, Duration sessionTimeout, Object grants) {
		this.id = id;
		this.path = path;
		this.grants = grants;
		this.client = CuratorFrameworkFactory.builder()
			.connectString(connectString)
			.sessionTimeoutMs((int) sessionTimeout.toMillis())
			.connectionTimeoutMs(5000)
			.retryPolicy(new ExponentialBackoffRetry(1000, 3, 30_000))
			.build();
		this.operations = OperationCounter.attachTo(this.client);
	}

	void start() throws Exception {
		this.client.start();
		if (!this.client.blockUntilConnected(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.id + " could not connect");
		}
		join();
	}

	void join() throws Exception {
		LeaderLatch newLatch = new LeaderLatch(this.client, this.path, this.id);
		newLatch.addListener(new LeaderLatchListener() {

			@Override
			public void isLeader() {
				ScaleParticipant.this.grantedNanos = System.nanoTime();
				synchronized (ScaleParticipant.this.grants) {
					ScaleParticipant.this.grants.notifyAll();
				}
			}

			@Override
			public void notLeader() {
			}

		});
		newLatch.start();
		this.latch = newLatch;
	}

	void leave() throws Exception {
		LeaderLatch current = this.latch;
		if (current != null) {
			current.close();
			this.latch = null;
		}
	}

	boolean leads() {
		LeaderLatch current = this.latch;
		return current != null && current.hasLeadership();
	}

	long grantedNanos() {
		return this.grantedNanos;
	}

	Map<String, Long> operationsByKind() {
		return this.operations.byName();
	}

	CuratorFramework client() {
		return this.client;
	}

	void leaveQuietly() {
		try {
			leave();
		}
		catch (Exception ex) {
			// Closing anyway.
		}
	}

	void close() {
		leaveQuietly();
		this.client.close();
	}

}
