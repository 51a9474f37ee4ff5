package dev.zkleader.benchmarks.participant;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Raw Curator: a client and a {@link LeaderLatch}, nothing else. Leaving closes the latch
 * (which deletes its node) and then the client; the grant is the latch listener's
 * {@code isLeader()} callback. The floor for this recipe.
 * <p>
 * For diagnosis, the listener can run on a thread of its own, as the starter's does,
 * instead of on ZooKeeper's event thread. The client's connection-state error policy is
 * Curator's standard one (leadership ends when the connection is suspended) unless the
 * session policy is asked for (it ends only when the session is lost).
 */
final class RawLatchMembership implements Membership {

	private final Settings settings;

	private final boolean listenerThread;

	private final boolean sessionPolicy;

	private final WorkGate gate;

	private @Nullable ExecutorService listenerExecutor;

	private @Nullable CuratorFramework client;

	private @Nullable LeaderLatch latch;

	RawLatchMembership(Settings settings, boolean listenerThread, boolean sessionPolicy) {
		this.settings = settings;
		this.listenerThread = listenerThread;
		this.sessionPolicy = sessionPolicy;
		this.gate = new WorkGate(settings);
	}

	@Override
	public void join() throws Exception {
		CuratorFramework newClient = this.sessionPolicy
				? this.settings.newClient(new SessionConnectionStateErrorPolicy()) : this.settings.newClient();
		LeaderLatch newLatch = new LeaderLatch(newClient, this.settings.path(), this.settings.id());
		LeaderLatchListener listener = new LeaderLatchListener() {

			@Override
			public void isLeader() {
				RawLatchMembership.this.gate.granted();
			}

			@Override
			public void notLeader() {
				RawLatchMembership.this.gate.revoked();
			}

		};
		if (this.listenerThread) {
			ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
				Thread thread = new Thread(task, "latch-listener");
				thread.setDaemon(true);
				return thread;
			});
			this.listenerExecutor = executor;
			newLatch.addListener(listener, executor);
		}
		else {
			newLatch.addListener(listener);
		}
		newLatch.start();
		this.client = newClient;
		this.latch = newLatch;
	}

	@Override
	public int negotiatedSessionTimeoutMillis() throws Exception {
		return current(this.client).getZookeeperClient().getZooKeeper().getSessionTimeout();
	}

	@Override
	public boolean runAsLeader(Runnable work) {
		return this.gate.run(work);
	}

	@Override
	public void leave() throws Exception {
		current(this.latch).close();
		current(this.client).close();
		ExecutorService executor = this.listenerExecutor;
		if (executor != null) {
			executor.shutdown();
			this.listenerExecutor = null;
		}
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
