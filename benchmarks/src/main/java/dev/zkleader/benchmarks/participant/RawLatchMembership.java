package dev.zkleader.benchmarks.participant;

import dev.zkleader.benchmarks.support.EpochMicros;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.jspecify.annotations.Nullable;

/**
 * Raw Curator: a client and a {@link LeaderLatch}, nothing else. Leaving closes the latch
 * (which deletes its node) and then the client; the grant is the latch listener's
 * {@code isLeader()} callback. The floor for this recipe.
 */
final class RawLatchMembership implements Membership {

	private final Settings settings;

	private @Nullable CuratorFramework client;

	private @Nullable LeaderLatch latch;

	RawLatchMembership(Settings settings) {
		this.settings = settings;
	}

	@Override
	public void join() throws Exception {
		CuratorFramework newClient = this.settings.newClient();
		LeaderLatch newLatch = new LeaderLatch(newClient, this.settings.path(), this.settings.id());
		newLatch.addListener(new LeaderLatchListener() {

			@Override
			public void isLeader() {
				RawLatchMembership.this.settings.granted().accept(EpochMicros.now());
			}

			@Override
			public void notLeader() {
			}

		});
		newLatch.start();
		this.client = newClient;
		this.latch = newLatch;
	}

	@Override
	public int negotiatedSessionTimeoutMillis() throws Exception {
		return current(this.client).getZookeeperClient().getZooKeeper().getSessionTimeout();
	}

	@Override
	public void leave() throws Exception {
		current(this.latch).close();
		current(this.client).close();
		this.latch = null;
		this.client = null;
	}

	private static <T> T current(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Not joined");
		}
		return value;
	}

}
