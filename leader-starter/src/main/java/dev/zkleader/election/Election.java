package dev.zkleader.election;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.zkleader.Leadership;
import dev.zkleader.LeadershipEvent;
import dev.zkleader.LeadershipGrantedEvent;
import dev.zkleader.LeadershipRevokedEvent;
import dev.zkleader.RevocationReason;
import dev.zkleader.gate.LeaderWorkRun;
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
import org.springframework.util.Assert;

/**
 * One leader election: owns the Curator {@link LeaderLatch}, its listener, the
 * connection-state listener, the leader-only calls running under it, and the single
 * thread on which every change is handled in order. It is the only writer of its
 * {@link LeadershipState}; every reader ({@link Leadership} methods, the
 * {@code @LeaderOnly} gate) decides from one snapshot of it without calling ZooKeeper.
 * <p>
 * Started and stopped by the {@link ElectionRegistry}: it joins once the rest of the
 * context has started and leaves first on shutdown, after running leader-only calls have
 * drained, deleting its latch node so that the next participant takes over at once
 * instead of after the session timeout.
 * <p>
 * Internal: created by the auto-configuration; depend on {@link Leadership} instead.
 */
public final class Election implements Leadership {

	private static final Log logger = LogFactory.getLog(Election.class);

	private static final Duration ELECTION_THREAD_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration NODE_REMOVAL_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration CONFIRMATION_RETRY = Duration.ofMillis(500);

	private static final Duration PREFETCH_INTERVAL = Duration.ofMillis(20);

	private static final int PREFETCH_ATTEMPTS = 250;

	private final CuratorFramework client;

	private final ElectionSettings settings;

	private final ApplicationEventPublisher publisher;

	private final PauseDetector pauseDetector;

	private final Clock clock = Clock.systemUTC();

	private final Object monitor = new Object();

	private final Set<Run> runs = ConcurrentHashMap.newKeySet();

	private final ConnectionStateListener connectionListener = (client, newState) -> onConnectionStateChanged(newState);

	// Runs on Curator's event thread, so the latch of a lost session is closed before
	// Curator tells it of the new session (it would look for its old node, fail and log
	// an error); the election thread then rejoins.
	private final ConnectionStateListener sessionLossListener = (client, newState) -> {
		JoinedLatch joined = this.joined;
		if (newState == ConnectionState.LOST && this.running && joined != null
				&& joined.handle() != client.getZookeeperClient().getInstanceIndex()) {
			close(joined.latch());
		}
	};

	private final Runnable pauseListener = () -> onElectionThreadLater(this::confirmLeadership, Duration.ZERO);

	private volatile LeadershipState state = LeadershipState.INITIAL;

	// Since when this instance has been waiting to lead: it joined, or lost its last
	// leadership.
	private volatile Instant waitingSince = Instant.now();

	private final LongAdder executed = new LongAdder();

	private final LongAdder skipped = new LongAdder();

	// When ZooKeeper last confirmed the current leadership, on the pause detector's
	// clock.
	private volatile long confirmedAt;

	private volatile @Nullable String participantId;

	// Written on the election thread only; volatile for readers of participants() and
	// leaderId().
	private volatile @Nullable LeaderLatch latch;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile @Nullable Thread electionThread;

	private volatile boolean running;

	private volatile @Nullable NodeStat ourNodeStat;

	// The latch and the ZooKeeper handle it joined on, so that only a latch of a lost
	// session is retired, never the one the election thread has just started.
	private volatile @Nullable JoinedLatch joined;

	/**
	 * Creates an election; it joins when started.
	 * @param client a started Curator client
	 * @param settings how the election runs
	 * @param publisher where leadership events are published
	 * @param pauseDetector tells when this JVM stood still long enough for leadership to
	 * be suspect
	 */
	public Election(CuratorFramework client, ElectionSettings settings, ApplicationEventPublisher publisher,
			PauseDetector pauseDetector) {
		this.client = client;
		this.settings = settings;
		this.publisher = publisher;
		this.pauseDetector = pauseDetector;
		this.confirmedAt = pauseDetector.now();
	}

	@Override
	public String election() {
		return this.settings.name();
	}

	/**
	 * The latch path in ZooKeeper (relative to the client's namespace, if any).
	 * @return the path
	 */
	public String path() {
		return this.settings.path();
	}

	@Override
	public String participantId() {
		String id = this.participantId;
		return (id != null) ? id : this.settings.participantId().get();
	}

	@Override
	public boolean isLeader() {
		return this.state.leader() && connectionAllowsLeadership();
	}

	@Override
	public OptionalLong fencingToken() {
		LeadershipState current = this.state;
		return (current.leader() && connectionAllowsLeadership()) ? OptionalLong.of(current.token())
				: OptionalLong.empty();
	}

	// Local reads only: a flag that flips on ZooKeeper's event thread before Curator's
	// listeners hear of a disconnect, and the pause detector's clock.
	private boolean connectionAllowsLeadership() {
		return (this.settings.connectionLoss() == ConnectionLossPolicy.LOST
				|| this.client.getZookeeperClient().isConnected())
				&& !this.pauseDetector.suspectSince(this.confirmedAt);
	}

	private boolean permitsLeaderWork(LeadershipState current) {
		return current.leader() && current.announced() && connectionAllowsLeadership();
	}

	/**
	 * Starts a run of leader-only work on the calling thread, if this instance may do
	 * leader work now.
	 * @return the run, or {@code null} when the work must be skipped
	 */
	@Nullable LeaderWorkRun begin() {
		LeadershipState current = this.state;
		if (!permitsLeaderWork(current)) {
			this.skipped.increment();
			return null;
		}
		Run run = new Run(Thread.currentThread(), current.token());
		this.runs.add(run);
		// Registered first, checked again: a revocation in between either sees the run or
		// is seen here.
		LeadershipState now = this.state;
		if (!permitsLeaderWork(now) || now.token() != current.token()) {
			run.end();
			this.skipped.increment();
			return null;
		}
		this.executed.increment();
		return run;
	}

	/**
	 * How many {@code @LeaderOnly} calls of this election ran.
	 * @return the count since start-up
	 */
	public long executedCalls() {
		return this.executed.sum();
	}

	/**
	 * How many {@code @LeaderOnly} calls of this election were skipped.
	 * @return the count since start-up
	 */
	public long skippedCalls() {
		return this.skipped.sum();
	}

	/**
	 * The last ZooKeeper connection state this election heard of.
	 * @return the state, or {@code null} before the first connection
	 */
	public @Nullable ConnectionState connectionState() {
		return this.state.connection();
	}

	/**
	 * Since when this instance has waited to lead: when it joined the election or last
	 * lost leadership.
	 * @return the start of the wait
	 */
	public Instant waitingSince() {
		return this.waitingSince;
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
		return participants().stream().findFirst();
	}

	@Override
	public List<String> participants() {
		LeaderLatch current = this.latch;
		if (current == null || !this.client.getZookeeperClient().isConnected()) {
			return List.of();
		}
		try {
			// Nested elections live below this path; their nodes are not participants
			// (they carry no id).
			return current.getParticipants().stream().map(Participant::getId).filter((id) -> !id.isEmpty()).toList();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Could not read the participants of election '" + election() + "'", ex);
			}
			return List.of();
		}
	}

	@Override
	public boolean awaitLeadership(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!permitsLeaderWork(this.state)) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				// Bounded, because a pause suspicion ends without a state change.
				TimeUnit.NANOSECONDS.timedWait(this.monitor, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
			}
			return true;
		}
	}

	@Override
	public boolean yieldLeadership() {
		if (!this.running) {
			return false;
		}
		Thread caller = Thread.currentThread();
		return onElectionThread(() -> {
			if (!this.running || !this.state.leader()) {
				return false;
			}
			revoke(RevocationReason.YIELDED, caller);
			rejoin();
			return true;
		}, ELECTION_THREAD_TIMEOUT);
	}

	synchronized void start() {
		if (this.running) {
			return;
		}
		Assert.state(this.client.getState() == CuratorFrameworkState.STARTED,
				"The CuratorFramework used for leader election must be started");
		this.participantId = this.settings.participantId().get();
		ScheduledExecutorService newExecutor = Executors.newSingleThreadScheduledExecutor(this::newElectionThread);
		this.executor = newExecutor;
		this.running = true;
		ConnectionState initial = this.client.getZookeeperClient().isConnected() ? ConnectionState.CONNECTED : null;
		setState(LeadershipState.INITIAL.withConnection(initial));
		this.client.getConnectionStateListenable().addListener(this.connectionListener, newExecutor);
		this.client.getConnectionStateListenable().addListener(this.sessionLossListener);
		this.pauseDetector.onPause(this.pauseListener);
		onElectionThread(() -> {
			join();
			return null;
		}, ELECTION_THREAD_TIMEOUT);
		logger.info("Joined leader election '" + election() + "' at " + path() + " as '" + participantId() + "'");
	}

	synchronized void stop() {
		ScheduledExecutorService current = this.executor;
		if (!this.running || current == null) {
			return;
		}
		try {
			onElectionThread(() -> {
				leave();
				return null;
			}, this.settings.drainTimeout().plus(ELECTION_THREAD_TIMEOUT));
		}
		finally {
			current.shutdown();
		}
	}

	private Thread newElectionThread(Runnable task) {
		Thread thread = new Thread(task, "leader-election-" + election());
		thread.setDaemon(true);
		this.electionThread = thread;
		return thread;
	}

	private void join() throws Exception {
		if (!this.state.leader()) {
			this.waitingSince = this.clock.instant();
		}
		LeaderLatch newLatch = new LeaderLatch(this.client, path(), participantId(), LeaderLatch.CloseMode.SILENT);
		newLatch.addListener(new LatchListener(newLatch), this.executor);
		this.latch = newLatch;
		this.joined = new JoinedLatch(newLatch, this.client.getZookeeperClient().getInstanceIndex());
		newLatch.start();
		prefetchOurNode(newLatch, PREFETCH_ATTEMPTS);
	}

	// Reads the Stat of the latch's node once it exists, in the background: a follower
	// then knows its token before it leads.
	private void prefetchOurNode(LeaderLatch source, int attempts) {
		if (source != this.latch || attempts == 0) {
			return;
		}
		String ourPath = source.getOurPath();
		if (ourPath == null) {
			onElectionThreadLater(() -> prefetchOurNode(source, attempts - 1), PREFETCH_INTERVAL);
			return;
		}
		try {
			this.client.checkExists().inBackground((client, event) -> {
				if (event.getStat() != null) {
					this.ourNodeStat = new NodeStat(ourPath, event.getStat());
				}
			}).forPath(ourPath);
		}
		catch (Exception ex) {
			// The grant reads it then.
		}
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

	// Drain, then hand over: no new runs, running ones finish (up to the drain timeout),
	// the revoked event, and only then the latch node goes, so the next leader cannot
	// start while this one still works.
	private void leave() {
		this.running = false;
		this.client.getConnectionStateListenable().removeListener(this.connectionListener);
		this.client.getConnectionStateListenable().removeListener(this.sessionLossListener);
		this.pauseDetector.removeListener(this.pauseListener);
		if (this.state.leader()) {
			setState(this.state.closeGate());
			drain();
		}
		LeadershipState retired = retire(null);
		LeaderLatch current = this.latch;
		this.latch = null;
		String ourPath = (current != null) ? current.getOurPath() : null;
		if (current != null) {
			// The next participant is waiting: the delete goes out before the event and
			// the log.
			close(current);
		}
		if (retired != null) {
			announceRevocation(retired, RevocationReason.SHUTDOWN);
		}
		if (current != null) {
			// The client closes right after the context stops: let the delete reach
			// ZooKeeper first, so the next participant takes over at once and the closing
			// client has nothing left to complain about.
			awaitRemoval(ourPath);
		}
		logger.info("Left leader election '" + election() + "' as '" + participantId() + "'");
	}

	private void drain() {
		long deadline = System.nanoTime() + this.settings.drainTimeout().toNanos();
		synchronized (this.monitor) {
			while (!this.runs.isEmpty()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					logger.warn(this.runs.size() + " leader-only call(s) of election '" + election()
							+ "' still running after the drain timeout of " + this.settings.drainTimeout().toMillis()
							+ " ms (leader.shutdown.drain-timeout); handing leadership over anyway");
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void close(LeaderLatch old) {
		if (old.getState() != LeaderLatch.State.STARTED) {
			return;
		}
		try {
			old.close();
		}
		catch (Exception ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing the latch of election '" + election() + "' failed", ex);
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
		// The latch has just read the children from ZooKeeper: leadership is freshly
		// confirmed.
		long asked = this.pauseDetector.now();
		long handle = this.client.getZookeeperClient().getInstanceIndex();
		Stat node = ourNode(source);
		if (node == null || !source.hasLeadership()) {
			return;
		}
		this.confirmedAt = asked;
		Instant now = this.clock.instant();
		setState(this.state.granted(now, node.getCzxid(), node.getEphemeralOwner(), handle));
		publish(new LeadershipGrantedEvent(this, election(), participantId(), now, node.getCzxid()));
		// A listener may already have yielded; only a leadership that still stands opens
		// the gate.
		if (this.state.leader()) {
			setState(this.state.announce());
		}
		logger.info("Leadership granted: election '" + election() + "', participant '" + participantId()
				+ "', fencing token " + node.getCzxid());
	}

	// The token is read once per latch node, before this instance leads when it can, so
	// that neither the hand-over nor gated calls wait for ZooKeeper.
	private @Nullable Stat ourNode(LeaderLatch source) {
		String ourPath = source.getOurPath();
		if (ourPath == null) {
			return null;
		}
		NodeStat known = this.ourNodeStat;
		if (known != null && known.path().equals(ourPath)) {
			return known.stat();
		}
		try {
			return this.client.checkExists().forPath(ourPath);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Could not read the latch node of election '" + election() + "'; not taking leadership "
					+ "until ZooKeeper answers", ex);
			onElectionThreadLater(() -> onLatchGranted(source), CONFIRMATION_RETRY);
			return null;
		}
	}

	// After a pause: the leadership stands only if the latch node of this leadership
	// still exists and still belongs to the session that created it.
	private void confirmLeadership() {
		LeadershipState current = this.state;
		if (!this.running || !current.leader()) {
			return;
		}
		long asked = this.pauseDetector.now();
		LeaderLatch source = this.latch;
		String ourPath = (source != null) ? source.getOurPath() : null;
		try {
			Stat node = (ourPath != null) ? this.client.checkExists().forPath(ourPath) : null;
			if (node != null && node.getEphemeralOwner() == current.session() && node.getCzxid() == current.token()) {
				this.confirmedAt = asked;
				logger.info("ZooKeeper confirmed leadership of election '" + election() + "' after a pause");
				signal();
			}
			else {
				revoke(reasonForLatchRevocation(), null);
			}
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return;
			}
			onElectionThreadLater(this::confirmLeadership, CONFIRMATION_RETRY);
		}
	}

	// The session that created this leadership's node is gone: the client runs on a new
	// handle.
	private boolean sessionChanged(LeadershipState current) {
		return current.leader() && this.client.getZookeeperClient().getInstanceIndex() != current.handle();
	}

	private void onLatchRevoked(LeaderLatch source) {
		if (source == this.latch) {
			revoke(reasonForLatchRevocation(), null);
		}
	}

	private RevocationReason reasonForLatchRevocation() {
		ConnectionState connection = this.state.connection();
		if (connection == ConnectionState.LOST || sessionChanged(this.state)) {
			return RevocationReason.CONNECTION_LOST;
		}
		if (connection == ConnectionState.SUSPENDED || !this.client.getZookeeperClient().isConnected()) {
			// The latch heard of it first. A latch that rides out suspensions only gives
			// up on a lost session.
			return this.client.getConnectionStateErrorPolicy().isErrorState(ConnectionState.SUSPENDED)
					? RevocationReason.CONNECTION_SUSPENDED : RevocationReason.CONNECTION_LOST;
		}
		return RevocationReason.NODE_DELETED;
	}

	private void onConnectionStateChanged(ConnectionState newState) {
		setState(this.state.withConnection(newState));
		switch (newState) {
			case SUSPENDED -> {
				logger.warn("ZooKeeper connection suspended (election '" + election() + "')");
				if (this.settings.connectionLoss() == ConnectionLossPolicy.SUSPENDED) {
					revoke(RevocationReason.CONNECTION_SUSPENDED, null);
				}
			}
			case LOST -> {
				logger.warn("ZooKeeper session lost (election '" + election() + "'); rejoining with a new session");
				revoke(RevocationReason.CONNECTION_LOST, null);
				if (this.running) {
					rejoinQuietly();
				}
			}
			case RECONNECTED -> logger.info("ZooKeeper connection re-established (election '" + election() + "')");
			default -> {
			}
		}
	}

	private void rejoinQuietly() {
		try {
			rejoin();
		}
		catch (Exception ex) {
			logger.error("Could not rejoin leader election '" + election() + "'", ex);
		}
	}

	private void revoke(RevocationReason reason, @Nullable Thread exempt) {
		LeadershipState retired = retire(exempt);
		if (retired != null) {
			announceRevocation(retired, reason);
		}
	}

	// The state flips first, so leader-only work is refused before anything else happens.
	private @Nullable LeadershipState retire(@Nullable Thread exempt) {
		LeadershipState current = this.state;
		if (!current.leader()) {
			return null;
		}
		setState(current.revoked());
		this.waitingSince = this.clock.instant();
		if (this.settings.interruptOnRevoke()) {
			this.runs.forEach((run) -> run.interrupt(exempt));
		}
		return current;
	}

	private void announceRevocation(LeadershipState retired, RevocationReason reason) {
		Instant now = this.clock.instant();
		publish(new LeadershipRevokedEvent(this, election(), participantId(), now, retired.token(), reason));
		Duration led = (retired.since() != null) ? Duration.between(retired.since(), now) : Duration.ZERO;
		logger.info("Leadership revoked (" + reason + "): election '" + election() + "', participant '"
				+ participantId() + "', led for " + led.toMillis() + " ms");
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
		signal();
	}

	private void signal() {
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
	}

	private void onElectionThreadLater(Runnable task, Duration delay) {
		ScheduledExecutorService current = this.executor;
		if (current != null && !current.isShutdown()) {
			current.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private <T> T onElectionThread(Callable<T> task, Duration timeout) {
		try {
			if (Thread.currentThread() == this.electionThread) {
				return task.call();
			}
			ScheduledExecutorService current = this.executor;
			Assert.state(current != null, "Election '" + election() + "' has not been started");
			Future<T> result = current.submit(task);
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for election '" + election() + "'", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Election '" + election() + "' did not respond within " + timeout
					+ "; is a leadership event listener blocking?", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Election '" + election() + "' failed", ex.getCause());
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Election '" + election() + "' failed", ex);
		}
	}

	@Override
	public String toString() {
		return "Election[name=" + election() + ", path=" + path() + ", participant=" + participantId() + ", leader="
				+ isLeader() + "]";
	}

	private record NodeStat(String path, Stat stat) {
	}

	private record JoinedLatch(LeaderLatch latch, long handle) {
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

	/**
	 * A leader-only call in progress on one thread.
	 */
	private final class Run implements LeaderWorkRun {

		private final Thread thread;

		private final long token;

		private boolean ended;

		private boolean interrupted;

		Run(Thread thread, long token) {
			this.thread = thread;
			this.token = token;
		}

		@Override
		public String election() {
			return Election.this.election();
		}

		@Override
		public long token() {
			return this.token;
		}

		@Override
		public boolean stillLeading() {
			LeadershipState current = Election.this.state;
			return current.leader() && current.token() == this.token && connectionAllowsLeadership();
		}

		synchronized void interrupt(@Nullable Thread exempt) {
			if (!this.ended && this.thread != exempt) {
				this.interrupted = true;
				this.thread.interrupt();
			}
		}

		@Override
		public void end() {
			synchronized (this) {
				this.ended = true;
				// The interrupt was ours and meant for this call only: do not leak it
				// into the caller's thread.
				if (this.interrupted) {
					Thread.interrupted();
				}
			}
			Election.this.runs.remove(this);
			signal();
		}

	}

}
