package dev.zkleader.election;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.zkleader.Leadership;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.gate.LeaderWorkPermit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * One leader election: owns the Curator {@link LeaderLatch}, its listener, the
 * connection-state listener and the single thread on which every change is handled in
 * order. It is the only writer of its {@link LeadershipState}; every reader
 * ({@link Leadership} methods, the {@code @LeaderOnly} gate) decides from one snapshot of
 * it without calling ZooKeeper.
 * <p>
 * A {@link SmartLifecycle} in the last phase: it joins the election once the rest of the
 * context (including the web server, whose port names the participant) has started, and
 * leaves first on shutdown, deleting its latch node so that the next participant takes
 * over at once instead of after the session timeout.
 * <p>
 * Internal: created by the auto-configuration; depend on {@link Leadership} instead.
 */
public final class Election implements Leadership, LeaderWorkPermit, SmartLifecycle {

	/**
	 * The lifecycle phase: after the web server starts, and first to stop.
	 */
	public static final int PHASE = Integer.MAX_VALUE;

	private static final Log logger = LogFactory.getLog(Election.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration YIELD_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration NODE_REMOVAL_TIMEOUT = Duration.ofSeconds(5);

	private final CuratorFramework client;

	private final String name;

	private final String path;

	private final Supplier<String> participantIdSupplier;

	private final ConnectionLossPolicy connectionLoss;

	private final ApplicationEventPublisher publisher;

	private final Clock clock = Clock.systemUTC();

	private final Object monitor = new Object();

	private final ConnectionStateListener connectionListener = (client, newState) -> onConnectionStateChanged(newState);

	private volatile LeadershipState state = LeadershipState.INITIAL;

	private volatile @Nullable String participantId;

	// Written on the election thread only; volatile for readers of participants() and
	// leaderId().
	private volatile @Nullable LeaderLatch latch;

	private volatile @Nullable ExecutorService executor;

	private volatile @Nullable Thread electionThread;

	private volatile boolean running;

	/**
	 * Creates an election; it joins when started.
	 * @param client a started Curator client
	 * @param name the election's name, as events and logs report it
	 * @param path the latch path shared by all participants
	 * @param participantId supplies this instance's participant id when the election
	 * starts
	 * @param connectionLoss when a connection drop ends leadership
	 * @param publisher where leadership events are published
	 */
	public Election(CuratorFramework client, String name, String path, Supplier<String> participantId,
			ConnectionLossPolicy connectionLoss, ApplicationEventPublisher publisher) {
		this.client = client;
		this.name = name;
		this.path = path;
		this.participantIdSupplier = participantId;
		this.connectionLoss = connectionLoss;
		this.publisher = publisher;
	}

	/**
	 * The election's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The latch path in ZooKeeper (relative to the client's namespace, if any).
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	@Override
	public String participantId() {
		String id = this.participantId;
		return (id != null) ? id : this.participantIdSupplier.get();
	}

	@Override
	public boolean isLeader() {
		return this.state.leader() && connectionAllowsLeadership();
	}

	@Override
	public boolean permitsLeaderWork() {
		LeadershipState current = this.state;
		return current.leader() && current.announced() && connectionAllowsLeadership();
	}

	// A local flag that flips on ZooKeeper's event thread, before Curator's listeners
	// hear of the disconnect.
	private boolean connectionAllowsLeadership() {
		return this.connectionLoss == ConnectionLossPolicy.LOST || this.client.getZookeeperClient().isConnected();
	}

	@Override
	public Optional<Instant> leaderSince() {
		LeadershipState current = this.state;
		return current.leader() ? Optional.ofNullable(current.since()) : Optional.empty();
	}

	@Override
	public Optional<String> leaderId() {
		if (this.state.leader()) {
			return Optional.of(participantId());
		}
		LeaderLatch current = this.latch;
		if (current == null || !this.client.getZookeeperClient().isConnected()) {
			return Optional.empty();
		}
		try {
			String id = current.getLeader().getId();
			return id.isEmpty() ? Optional.empty() : Optional.of(id);
		}
		catch (Exception ex) {
			return failedRead("leader", ex, Optional.empty());
		}
	}

	@Override
	public List<String> participants() {
		LeaderLatch current = this.latch;
		if (current == null || !this.client.getZookeeperClient().isConnected()) {
			return List.of();
		}
		try {
			return current.getParticipants().stream().map(Participant::getId).toList();
		}
		catch (Exception ex) {
			return failedRead("participants", ex, List.of());
		}
	}

	private <T> T failedRead(String what, Exception ex, T fallback) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Could not read the " + what + " of election '" + this.name + "' from ZooKeeper", ex);
		}
		return fallback;
	}

	@Override
	public boolean awaitLeadership(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!permitsLeaderWork()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
			}
			return true;
		}
	}

	@Override
	public boolean yieldLeadership() {
		if (!this.running) {
			return false;
		}
		return onElectionThread(() -> {
			if (!this.running || !this.state.leader()) {
				return false;
			}
			revoke(RevocationReason.YIELDED);
			rejoin();
			return true;
		}, YIELD_TIMEOUT);
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		Assert.state(this.client.getState() == CuratorFrameworkState.STARTED,
				"The CuratorFramework used for leader election must be started");
		this.participantId = this.participantIdSupplier.get();
		ExecutorService newExecutor = Executors.newSingleThreadExecutor(this::newElectionThread);
		this.executor = newExecutor;
		this.running = true;
		ConnectionState initial = this.client.getZookeeperClient().isConnected() ? ConnectionState.CONNECTED : null;
		setState(LeadershipState.INITIAL.withConnection(initial));
		this.client.getConnectionStateListenable().addListener(this.connectionListener, newExecutor);
		onElectionThread(() -> {
			join();
			return null;
		}, STOP_TIMEOUT);
		logger.info("Joined leader election '" + this.name + "' at " + this.path + " as '" + participantId() + "'");
	}

	@Override
	public void stop() {
		ExecutorService current = this.executor;
		if (!this.running || current == null) {
			return;
		}
		try {
			onElectionThread(() -> {
				leave();
				return null;
			}, STOP_TIMEOUT);
		}
		finally {
			current.shutdown();
		}
	}

	private Thread newElectionThread(Runnable task) {
		Thread thread = new Thread(task, "leader-election-" + this.name);
		thread.setDaemon(true);
		this.electionThread = thread;
		return thread;
	}

	private void join() throws Exception {
		LeaderLatch newLatch = new LeaderLatch(this.client, this.path, participantId(), LeaderLatch.CloseMode.SILENT);
		newLatch.addListener(new LatchListener(newLatch), this.executor);
		this.latch = newLatch;
		newLatch.start();
	}

	// A Curator latch is one-shot: after a lost session or a yield a fresh one joins at
	// the back of the queue.
	private void rejoin() throws Exception {
		LeaderLatch old = this.latch;
		if (old != null) {
			close(old);
		}
		join();
	}

	private void leave() {
		this.running = false;
		this.client.getConnectionStateListenable().removeListener(this.connectionListener);
		revoke(RevocationReason.SHUTDOWN);
		LeaderLatch current = this.latch;
		this.latch = null;
		if (current != null) {
			String ourPath = current.getOurPath();
			close(current);
			// The client closes right after the context stops: let the delete reach
			// ZooKeeper first, so the next
			// participant takes over at once and the closing client has nothing left to
			// complain about.
			awaitRemoval(ourPath);
		}
		logger.info("Left leader election '" + this.name + "' as '" + participantId() + "'");
	}

	private void close(LeaderLatch old) {
		try {
			old.close();
		}
		catch (Exception ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing the latch of election '" + this.name + "' failed", ex);
			}
		}
	}

	private void awaitRemoval(@Nullable String nodePath) {
		if (nodePath == null || !this.client.getZookeeperClient().isConnected()) {
			return;
		}
		CountDownLatch removed = new CountDownLatch(1);
		try {
			Stat stat = this.client.checkExists()
				.usingWatcher((CuratorWatcher) (event) -> removed.countDown())
				.forPath(nodePath);
			if (stat != null && !removed.await(NODE_REMOVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.debug("Latch node " + nodePath + " still exists after " + NODE_REMOVAL_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Could not confirm the removal of latch node " + nodePath, ex);
			}
		}
	}

	private void onLatchGranted(LeaderLatch source) {
		if (source != this.latch || !source.hasLeadership() || this.state.leader()) {
			return;
		}
		Instant now = this.clock.instant();
		setState(this.state.granted(now));
		logger.info("Leadership granted: election '" + this.name + "', participant '" + participantId() + "'");
		publish(new LeadershipGrantedEvent(this, this.name, participantId(), now));
		// A listener may already have yielded; only a leadership that still stands opens
		// the gate.
		if (this.state.leader()) {
			setState(this.state.announce());
		}
	}

	private void onLatchRevoked(LeaderLatch source) {
		if (source == this.latch) {
			revoke(reasonForLatchRevocation());
		}
	}

	private RevocationReason reasonForLatchRevocation() {
		ConnectionState connection = this.state.connection();
		if (connection == ConnectionState.LOST) {
			return RevocationReason.CONNECTION_LOST;
		}
		if (connection == ConnectionState.SUSPENDED || !this.client.getZookeeperClient().isConnected()) {
			return RevocationReason.CONNECTION_SUSPENDED;
		}
		return RevocationReason.NODE_DELETED;
	}

	private void onConnectionStateChanged(ConnectionState newState) {
		setState(this.state.withConnection(newState));
		switch (newState) {
			case SUSPENDED -> {
				logger.warn("ZooKeeper connection suspended (election '" + this.name + "')");
				if (this.connectionLoss == ConnectionLossPolicy.SUSPENDED) {
					revoke(RevocationReason.CONNECTION_SUSPENDED);
				}
			}
			case LOST -> {
				logger.warn("ZooKeeper session lost (election '" + this.name + "'); rejoining with a new session");
				revoke(RevocationReason.CONNECTION_LOST);
				if (this.running) {
					rejoinQuietly();
				}
			}
			case RECONNECTED -> logger.info("ZooKeeper connection re-established (election '" + this.name + "')");
			default -> {
			}
		}
	}

	private void rejoinQuietly() {
		try {
			rejoin();
		}
		catch (Exception ex) {
			logger.error("Could not rejoin leader election '" + this.name + "'", ex);
		}
	}

	private void revoke(RevocationReason reason) {
		LeadershipState current = this.state;
		if (!current.leader()) {
			return;
		}
		setState(current.revoked());
		Instant now = this.clock.instant();
		Duration led = (current.since() != null) ? Duration.between(current.since(), now) : Duration.ZERO;
		logger.info("Leadership revoked (" + reason + "): election '" + this.name + "', participant '" + participantId()
				+ "', led for " + led.toMillis() + " ms");
		publish(new LeadershipRevokedEvent(this, this.name, participantId(), now, reason));
	}

	private void publish(LeadershipEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event + " failed", ex);
		}
	}

	private void setState(LeadershipState newState) {
		this.state = newState;
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	private <T> T onElectionThread(Callable<T> task, Duration timeout) {
		try {
			if (Thread.currentThread() == this.electionThread) {
				return task.call();
			}
			ExecutorService current = this.executor;
			Assert.state(current != null, "Election '" + this.name + "' has not been started");
			Future<T> result = current.submit(task);
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for election '" + this.name + "'", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Election '" + this.name + "' did not respond within " + timeout
					+ "; is a leadership event listener blocking?", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Election '" + this.name + "' failed", ex.getCause());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Election '" + this.name + "' failed", ex);
		}
	}

	@Override
	public String toString() {
		return "Election[name=" + this.name + ", path=" + this.path + ", participant=" + participantId() + ", leader="
				+ isLeader() + "]";
	}

	private final class LatchListener implements LeaderLatchListener {

		private final LeaderLatch source;

		LatchListener(LeaderLatch source) {
			this.source = source;
		}

		@Override
		public void isLeader() {
			onLatchGranted(this.source);
		}

		@Override
		public void notLeader() {
			onLatchRevoked(this.source);
		}

	}

}
