package dev.zkleader.election;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * This instance's place in one election: the Curator {@link LeaderLatch} and its node. A
 * latch is one-shot: after a lost session, a deleted node or a yield a fresh one joins at
 * the back of the queue.
 */
final class Candidacy {

	private static final Log logger = LogFactory.getLog(Candidacy.class);

	private static final Duration NODE_REMOVAL_TIMEOUT = Duration.ofSeconds(5);

	private final CuratorFramework client;

	private final String path;

	// The latch and the client handle it joined on; replaced only on the election thread.
	private volatile @Nullable Joined joined;

	Candidacy(CuratorFramework client, String path) {
		this.client = client;
		this.path = path;
	}

	/**
	 * Joins with a fresh latch, retiring the current one.
	 * @param participantId the id stored in the node
	 * @param listener hears the new latch only, as long as it is the current one
	 * @param executor where the listener runs
	 * @throws Exception if the latch cannot start
	 */
	void join(String participantId, LeaderLatchListener listener, Executor executor) throws Exception {
		leave();
		LeaderLatch latch = new LeaderLatch(this.client, this.path, participantId, LeaderLatch.CloseMode.SILENT);
		latch.addListener(new LeaderLatchListener() {

			@Override
			public void isLeader() {
				if (isCurrent(latch)) {
					listener.isLeader();
				}
			}

			@Override
			public void notLeader() {
				if (isCurrent(latch)) {
					listener.notLeader();
				}
			}

		}, executor);
		this.joined = new Joined(latch, this.client.getZookeeperClient().getInstanceIndex());
		latch.start();
	}

	/**
	 * Closes the latch, which deletes its node in the background.
	 * @return the node it had, if any
	 */
	@Nullable String leave() {
		Joined current = this.joined;
		this.joined = null;
		if (current == null) {
			return null;
		}
		String node = current.latch().getOurPath();
		close(current.latch());
		return node;
	}

	/**
	 * Closes a latch that joined on a session that has been lost, before Curator tells it
	 * of the new session (it would look for its old node and log an error). Never the
	 * latch just started on the new session.
	 */
	void retireIfSessionLost() {
		Joined current = this.joined;
		if (current != null && current.handle() != this.client.getZookeeperClient().getInstanceIndex()) {
			close(current.latch());
		}
	}

	/**
	 * Whether the latch joined on the client's current session.
	 * @return {@code true} if it did
	 */
	boolean onCurrentSession() {
		Joined current = this.joined;
		return current != null && current.handle() == this.client.getZookeeperClient().getInstanceIndex();
	}

	boolean isCurrent(LeaderLatch latch) {
		Joined current = this.joined;
		return current != null && current.latch() == latch;
	}

	@Nullable String node() {
		Joined current = this.joined;
		return (current != null) ? current.latch().getOurPath() : null;
	}

	/**
	 * Whether the latch put this node first in line, now or at some time: a node that was
	 * first stays first while it exists, since later nodes sort behind it.
	 * @param node the node
	 * @return {@code true} if it was first
	 */
	boolean wasFirst(String node) {
		Joined current = this.joined;
		return current != null && (node.equals(current.latch().getLastPathIsLeader())
				|| (current.latch().hasLeadership() && node.equals(current.latch().getOurPath())));
	}

	List<Participant> participants() throws Exception {
		Joined current = this.joined;
		return (current != null) ? List.copyOf(current.latch().getParticipants()) : List.of();
	}

	/**
	 * Waits until ZooKeeper has deleted the node, so that a client closed right after
	 * does not cut the deletion off.
	 * @param node the node
	 */
	void awaitRemoval(@Nullable String node) {
		if (node == null || !this.client.getZookeeperClient().isConnected()) {
			return;
		}
		CountDownLatch removed = new CountDownLatch(1);
		try {
			Stat stat = this.client.checkExists()
				.usingWatcher((CuratorWatcher) (event) -> removed.countDown())
				.forPath(node);
			if (stat != null && !removed.await(NODE_REMOVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.debug("Latch node " + node + " still exists after " + NODE_REMOVAL_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Could not confirm the removal of latch node " + node, ex);
			}
		}
	}

	private void close(LeaderLatch latch) {
		if (latch.getState() != LeaderLatch.State.STARTED) {
			return;
		}
		try {
			latch.close();
		}
		catch (Exception ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing the latch at " + this.path + " failed", ex);
			}
		}
	}

	private record Joined(LeaderLatch latch, long handle) {
	}

}
