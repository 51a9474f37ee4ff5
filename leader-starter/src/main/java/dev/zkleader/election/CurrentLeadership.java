package dev.zkleader.election;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;

/**
 * One election's {@link LeadershipState} and the rule every reader applies to a snapshot
 * of it: this instance leads while the lease of the session that won has not run out
 * (and, with {@link ConnectionLossPolicy#SUSPENDED}, while connected). Reads are a
 * volatile read, a clock and two atomic reads of the client: no ZooKeeper call, no lock.
 */
final class CurrentLeadership {

	private final CuratorZookeeperClient client;

	private final ConnectionLossPolicy connectionLoss;

	// Swapped under the monitor by the writers (the election thread, ZooKeeper's event
	// thread); read without a lock.
	private volatile LeadershipState state = LeadershipState.INITIAL;

	private final Object monitor = new Object();

	CurrentLeadership(CuratorFramework client, ConnectionLossPolicy connectionLoss) {
		this.client = client.getZookeeperClient();
		this.connectionLoss = connectionLoss;
	}

	LeadershipState get() {
		return this.state;
	}

	/**
	 * Swaps the state atomically and wakes those waiting for leadership.
	 * @param change the change
	 * @return the new state
	 */
	LeadershipState update(UnaryOperator<LeadershipState> change) {
		synchronized (this.monitor) {
			LeadershipState after = change.apply(this.state);
			this.state = after;
			this.monitor.notifyAll();
			return after;
		}
	}

	// The flags first: a follower's call is refused without reading the clock.
	boolean leads(LeadershipState current) {
		return current.leader() && current.leadsAt(System.nanoTime(), handle()) && connectionAllows();
	}

	boolean permitsWork(LeadershipState current) {
		return current.gateOpen() && current.permitsWork(System.nanoTime(), handle()) && connectionAllows();
	}

	boolean stillLeading(long token) {
		LeadershipState current = this.state;
		return leads(current) && current.token() == token;
	}

	boolean connectionAllows() {
		return this.connectionLoss != ConnectionLossPolicy.SUSPENDED || this.client.isConnected();
	}

	/**
	 * The client's instance index: a new session gets a new one.
	 * @return the index
	 */
	long handle() {
		return this.client.getInstanceIndex();
	}

	boolean awaitWork(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!permitsWork(this.state)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				// Bounded: a lease starts and ends with time, not only with state
				// changes.
				TimeUnit.NANOSECONDS.timedWait(this.monitor, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
			}
			return true;
		}
	}

}
