package dev.zkleader.election;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Renews one election's lease on the shared timer, every sixth of the session timeout,
 * and watches for its end: an asynchronous read of this instance's latch node that also
 * watches it. An answer that shows the node alive and owned by the current session
 * becomes a {@link Confirmation}; one that shows it gone, or a deletion the watch
 * reports, is passed on at once. Answers and watches arrive on ZooKeeper's event thread,
 * so a busy election thread never delays them.
 * <p>
 * How long a confirmation lasts follows {@code docs/SAFETY.md}: with {@code T} the
 * negotiated session timeout and {@code g} the time since the previous confirmed request
 * of the same session (at most {@code T/3}, the client's own ping interval), ZooKeeper
 * cannot expire the session before {@code sentAt + 3T/4 - g}; the lease ends {@code T/12}
 * earlier, and never later than {@code sentAt + T/2}.
 */
final class Lease {

	private static final Log logger = LogFactory.getLog(Lease.class);

	// How often to look for the latch's node while it is being created.
	private static final long NODE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long RENEWAL_WITHOUT_SESSION_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final CuratorFramework client;

	private final ScheduledExecutorService timer;

	private final CurrentLeadership current;

	private final Supplier<@Nullable String> candidateNode;

	private final Listener listener;

	private final Watcher watcher;

	// Written on ZooKeeper's event thread only, where every answer arrives.
	private long previousHandle = -1;

	private long previousSentAt;

	// When the request still unanswered was sent, 0 when none is.
	private volatile long inFlightSince;

	Lease(CuratorFramework client, ScheduledExecutorService timer, CurrentLeadership current,
			Supplier<@Nullable String> candidateNode, Listener listener) {
		this.client = client;
		this.timer = timer;
		this.current = current;
		this.candidateNode = candidateNode;
		this.listener = listener;
		this.watcher = (event) -> {
			if (event.getType() == Watcher.Event.EventType.NodeDeleted && event.getPath() != null) {
				listener.nodeGone(event.getPath());
			}
		};
	}

	/**
	 * The node to confirm: the one a leadership stands on, else the latch's current one.
	 * @return the node, or {@code null} while the latch has none
	 */
	@Nullable String node() {
		LeadershipState state = this.current.get();
		Confirmation confirmation = state.confirmation();
		return (state.leader() && confirmation != null) ? confirmation.path() : this.candidateNode.get();
	}

	/**
	 * Renews until told to stop.
	 * @param active whether to go on
	 */
	void start(BooleanSupplier active) {
		if (!active.getAsBoolean()) {
			return;
		}
		String node = node();
		if (node != null) {
			renew(node);
		}
		long timeout = sessionTimeoutNanos();
		long delay = (node == null) ? NODE_POLL_NANOS : (timeout > 0) ? timeout / 6 : RENEWAL_WITHOUT_SESSION_NANOS;
		this.timer.schedule(() -> start(active), delay, TimeUnit.NANOSECONDS);
	}

	/**
	 * Calls back, on the timer, once the lease of a leadership has run out.
	 * @param leaderships the number of the current leadership
	 * @param leadership the number of the leadership to watch
	 * @param ended what to do when its lease ends
	 */
	void watch(LongSupplier leaderships, long leadership, Runnable ended) {
		LeadershipState state = this.current.get();
		Confirmation confirmation = state.confirmation();
		if (!state.leader() || leadership != leaderships.getAsLong()) {
			return;
		}
		if (confirmation != null && this.current.leads(state)) {
			long remaining = confirmation.leaseEnd() - System.nanoTime();
			this.timer.schedule(() -> watch(leaderships, leadership, ended), Math.max(remaining, 1),
					TimeUnit.NANOSECONDS);
			return;
		}
		ended.run();
	}

	/**
	 * Renews now, if there is a node to confirm.
	 */
	void renewNow() {
		String node = node();
		if (node != null) {
			renew(node);
		}
	}

	/**
	 * Sends a renewal unless one is under way or there is no connection to send it on.
	 * @param path the latch node to confirm
	 */
	void renew(String path) {
		CuratorZookeeperClient zookeeper = this.client.getZookeeperClient();
		long sentAt = System.nanoTime();
		long inFlight = this.inFlightSince;
		if (!zookeeper.isConnected() || (inFlight != 0 && sentAt - inFlight < sessionTimeoutNanos() / 6)) {
			return;
		}
		long handle = zookeeper.getInstanceIndex();
		this.inFlightSince = sentAt;
		try {
			this.client.checkExists()
				.usingWatcher(this.watcher)
				.inBackground((client, event) -> answered(path, handle, sentAt, event))
				.forPath(path);
		}
		catch (Exception ex) {
			this.inFlightSince = 0;
			if (logger.isDebugEnabled()) {
				logger.debug("Could not send a lease renewal for " + path, ex);
			}
		}
	}

	/**
	 * Forgets the request under way, which a broken connection may never answer, so that
	 * the next renewal goes out at once.
	 */
	void reconnected() {
		this.inFlightSince = 0;
	}

	private void answered(String path, long handle, long sentAt, CuratorEvent event) throws Exception {
		this.inFlightSince = 0;
		CuratorZookeeperClient zookeeper = this.client.getZookeeperClient();
		if (zookeeper.getInstanceIndex() != handle) {
			// Sent on a session that has ended since: proves nothing now.
			return;
		}
		int result = event.getResultCode();
		Stat stat = event.getStat();
		if (result == KeeperException.Code.NONODE.intValue() || (result == 0 && stat == null)) {
			this.listener.nodeGone(path);
			return;
		}
		if (result != 0 || stat == null) {
			return;
		}
		long session = zookeeper.getZooKeeper().getSessionId();
		if (stat.getEphemeralOwner() != session) {
			this.listener.nodeGone(path);
			return;
		}
		long timeout = sessionTimeoutNanos();
		if (timeout <= 0) {
			return;
		}
		long gap = (this.previousHandle == handle) ? sentAt - this.previousSentAt : timeout / 3;
		this.previousHandle = handle;
		this.previousSentAt = sentAt;
		long length = Math.min(timeout / 2, 2 * timeout / 3 - Math.min(Math.max(gap, 0), timeout / 3));
		this.listener.confirmed(new Confirmation(path, stat.getCzxid(), session, handle, sentAt, sentAt + length));
	}

	/**
	 * The session timeout ZooKeeper granted, which may differ from the one asked for.
	 * @return the timeout in nanoseconds, 0 before the first connection
	 */
	long sessionTimeoutNanos() {
		return TimeUnit.MILLISECONDS.toNanos(this.client.getZookeeperClient().getLastNegotiatedSessionTimeoutMs());
	}

	/**
	 * Hears what the renewals find.
	 */
	interface Listener {

		/**
		 * ZooKeeper confirmed the node; called on ZooKeeper's event thread.
		 * @param confirmation what the answer proved
		 */
		void confirmed(Confirmation confirmation);

		/**
		 * The node is gone or belongs to another session; called on ZooKeeper's event
		 * thread.
		 * @param path the node
		 */
		void nodeGone(String path);

	}

}
