package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import dev.zkleader.Leadership;
import dev.zkleader.RevocationReason;
import dev.zkleader.gate.LeaderWorkRun;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * One leader election. Its one rule: this instance leads while the latch has put its node
 * first and the {@link Lease} on that node, renewed in the background, has not run out;
 * connection states inform the lease but do not decide on their own. Every change is
 * handled on the {@link ElectionThread}, which publishes the events; renewals and watches
 * update the {@link LeadershipState} directly, so a busy election thread never keeps the
 * gate open or a lease from being renewed.
 */
final class Election implements Leadership, Lease.Listener {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	// How often to look for the latch's node while it is being created.
	private static final long NODE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long RENEWAL_WITHOUT_SESSION_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final CuratorFramework client;

	private final ElectionSettings settings;

	private final ScheduledExecutorService timer;

	private final ElectionThread thread;

	private final Candidacy candidacy;

	private final Lease lease;

	private final RunningCalls calls;

	private final Announcer announcer;

	private final AtomicReference<LeadershipState> state = new AtomicReference<>(LeadershipState.INITIAL);

	private final Object monitor = new Object();

	// Each leadership's lease watch carries its number, so that an old one stops.
	private final AtomicLong leaderships = new AtomicLong();

	private final LeaderLatchListener latchListener = new LeaderLatchListener() {

		@Override
		public void isLeader() {
			reconcile();
		}

		@Override
		public void notLeader() {
			// The latch also says so while disconnected; only a read can tell a lost
			// node.
			String node = leadershipNode(Election.this.state.get());
			if (node != null) {
				Election.this.lease.renew(node);
			}
		}

	};

	private final ConnectionStateListener connectionListener = (client, newState) -> onConnectionStateChanged(newState);

	// Runs on Curator's thread, before the latch hears of the new session.
	private final ConnectionStateListener sessionLossListener = (client, newState) -> {
		if (newState == ConnectionState.LOST) {
			Election.this.candidacy.retireIfSessionLost();
		}
	};

	private volatile boolean running;

	private volatile @Nullable String participantId;

	private volatile Instant waitingSince = Instant.now();

	// System.nanoTime() when the connection was last suspended, 0 while connected.
	private volatile long disconnectedAt;

	Election(CuratorFramework client, ElectionSettings settings, ApplicationEventPublisher publisher,
			ScheduledExecutorService timer) {
		this.client = client;
		this.settings = settings;
		this.timer = timer;
		this.thread = new ElectionThread(settings.name());
		this.candidacy = new Candidacy(client, settings.path());
		this.lease = new Lease(client, this);
		this.calls = new RunningCalls(settings.name());
		this.announcer = new Announcer(this, publisher);
	}

	@Override
	public String election() {
		return this.settings.name();
	}

	String path() {
		return this.settings.path();
	}

	@Override
	public String participantId() {
		String id = this.participantId;
		return (id != null) ? id : this.settings.participantId().get();
	}

	@Override
	public boolean isLeader() {
		return leads(this.state.get());
	}

	@Override
	public OptionalLong fencingToken() {
		LeadershipState current = this.state.get();
		return leads(current) ? OptionalLong.of(current.token()) : OptionalLong.empty();
	}

	@Override
	public Optional<Instant> leaderSince() {
		LeadershipState current = this.state.get();
		return leads(current) ? Optional.ofNullable(current.since()) : Optional.empty();
	}

	@Override
	public Optional<String> leaderId() {
		return isLeader() ? Optional.of(participantId()) : participants().stream().findFirst();
	}

	@Override
	public List<String> participants() {
		if (!this.client.getZookeeperClient().isConnected()) {
			return List.of();
		}
		try {
			return this.candidacy.participants().stream().map(Participant::getId).toList();
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return List.of();
		}
	}

	@Override
	public boolean awaitLeadership(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (!permits(this.state.get())) {
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

	@Override
	public boolean yieldLeadership() {
		if (!this.running) {
			return false;
		}
		Thread caller = Thread.currentThread();
		return this.thread.call(() -> yieldNow(caller), this.settings.drainTimeout().plus(CALL_TIMEOUT));
	}

	/**
	 * Starts a yield without waiting for it.
	 * @return {@code true} if this instance leads and will step down
	 */
	boolean yieldInBackground() {
		if (!this.running || !this.state.get().leader()) {
			return false;
		}
		this.thread.execute(() -> yieldNow(null));
		return true;
	}

	private boolean yieldNow(@Nullable Thread caller) {
		if (!this.running || !this.state.get().leader()) {
			return false;
		}
		handOver(RevocationReason.YIELDED, caller);
		rejoin();
		return true;
	}

	/**
	 * Starts a run of leader-only work on the calling thread, if the lease allows it now.
	 * @return the run, or {@code null} when the work must be skipped
	 */
	@Nullable LeaderWorkRun begin() {
		LeadershipState current = this.state.get();
		if (!permits(current)) {
			this.calls.skipped();
			return null;
		}
		long token = current.token();
		RunningCalls.Run run = this.calls.register(token, this::stillLeading);
		// Registered first, checked again: a revocation in between either sees the run or
		// is seen here.
		LeadershipState now = this.state.get();
		if (!permits(now) || now.token() != token) {
			this.calls.abandon(run);
			return null;
		}
		return this.calls.admit(run);
	}

	private boolean permits(LeadershipState current) {
		return current.permitsWork(System.nanoTime(), handle()) && connectionAllows();
	}

	private boolean leads(LeadershipState current) {
		return current.leadsAt(System.nanoTime(), handle()) && connectionAllows();
	}

	private boolean stillLeading(long token) {
		LeadershipState current = this.state.get();
		return leads(current) && current.token() == token;
	}

	private boolean connectionAllows() {
		return this.settings.connectionLoss() != ConnectionLossPolicy.SUSPENDED
				|| this.client.getZookeeperClient().isConnected();
	}

	private long handle() {
		return this.client.getZookeeperClient().getInstanceIndex();
	}

	/**
	 * The latest proof that this instance's latch node is alive.
	 * @return the confirmation, or {@code null} when there is none
	 */
	@Nullable Confirmation confirmation() {
		return this.state.get().confirmation();
	}

	ElectionSnapshot snapshot() {
		LeadershipState current = this.state.get();
		boolean leads = leads(current);
		Confirmation confirmation = current.confirmation();
		Duration lease = (leads && confirmation != null)
				? Duration.ofNanos(Math.max(0, confirmation.leaseEnd() - System.nanoTime())) : null;
		ConnectionState connection = current.connection();
		String connectionName = this.client.getZookeeperClient().isConnected() ? "CONNECTED"
				: (connection != null) ? connection.name() : "NOT_CONNECTED";
		return new ElectionSnapshot(election(), path(), participantId(), leads, leads ? current.token() : null,
				leads ? current.since() : null, lease, connectionName, this.waitingSince, this.calls.executedCount(),
				this.calls.skippedCount());
	}

	synchronized void start() {
		if (this.running) {
			return;
		}
		Assert.state(this.client.getState() == CuratorFrameworkState.STARTED,
				"The CuratorFramework used for leader election must be started");
		this.participantId = this.settings.participantId().get();
		this.thread.start();
		this.running = true;
		this.client.getConnectionStateListenable().addListener(this.sessionLossListener);
		this.client.getConnectionStateListenable().addListener(this.connectionListener, this.thread);
		this.thread.call(() -> {
			rejoin();
			return null;
		}, CALL_TIMEOUT);
		renewAndReschedule();
		this.announcer.joined(path());
	}

	synchronized void stop() {
		if (!this.running) {
			return;
		}
		try {
			this.thread.call(() -> {
				leave();
				return null;
			}, this.settings.drainTimeout().plus(CALL_TIMEOUT));
		}
		finally {
			this.thread.shutdown();
		}
	}

	// Drain, announce, then hand over: the next leader is granted only after this one's
	// work and revoked listeners are done.
	private void leave() {
		this.running = false;
		this.client.getConnectionStateListenable().removeListener(this.connectionListener);
		this.client.getConnectionStateListenable().removeListener(this.sessionLossListener);
		handOver(RevocationReason.SHUTDOWN, null);
		this.candidacy.awaitRemoval(this.candidacy.leave());
		update(LeadershipState::rejoined);
		this.announcer.left();
	}

	private void handOver(RevocationReason reason, @Nullable Thread exempt) {
		if (!this.state.get().leader()) {
			return;
		}
		update(LeadershipState::gateClosed);
		int running = this.calls.drain(this.settings.drainTimeout(), exempt);
		if (running > 0) {
			this.announcer.drainTimedOut(running, this.settings.drainTimeout());
		}
		revoke(reason, exempt);
	}

	private void rejoin() {
		update(LeadershipState::rejoined);
		this.waitingSince = Instant.now();
		try {
			this.candidacy.join(participantId(), this.latchListener, this.thread);
		}
		catch (Exception ex) {
			this.announcer.rejoinFailed(ex);
		}
	}

	// On the shared timer: keeps the node confirmed while this instance takes part.
	private void renewAndReschedule() {
		if (!this.running) {
			return;
		}
		LeadershipState current = this.state.get();
		String node = leadershipNode(current);
		if (node != null) {
			this.lease.renew(node);
		}
		long timeout = this.lease.sessionTimeoutNanos();
		long delay = (node == null) ? NODE_POLL_NANOS : (timeout > 0) ? timeout / 6 : RENEWAL_WITHOUT_SESSION_NANOS;
		this.timer.schedule(this::renewAndReschedule, delay, TimeUnit.NANOSECONDS);
	}

	// The node a leadership stands on, else the latch's current one.
	private @Nullable String leadershipNode(LeadershipState current) {
		Confirmation confirmation = current.confirmation();
		return (current.leader() && confirmation != null) ? confirmation.path() : this.candidacy.node();
	}

	// On the shared timer: a lease that runs out revokes, on the election thread.
	private void watchLease(long leadership) {
		LeadershipState current = this.state.get();
		Confirmation confirmation = current.confirmation();
		if (!this.running || !current.leader() || leadership != this.leaderships.get()) {
			return;
		}
		if (confirmation != null && leads(current)) {
			long remaining = confirmation.leaseEnd() - System.nanoTime();
			this.timer.schedule(() -> watchLease(leadership), Math.max(remaining, 1), TimeUnit.NANOSECONDS);
			return;
		}
		this.thread.execute(this::reconcile);
	}

	@Override
	public void confirmed(Confirmation confirmation) {
		LeadershipState current = this.state.get();
		if (!confirmation.path().equals(leadershipNode(current))) {
			return;
		}
		LeadershipState after = update((state) -> state.confirmed(confirmation));
		if (!after.leader() && this.candidacy.wasFirst(confirmation.path())) {
			this.thread.execute(this::reconcile);
		}
	}

	@Override
	public void nodeGone(String path) {
		update((state) -> state.nodeGone(path));
		this.thread.execute(() -> onNodeGone(path));
	}

	private void onNodeGone(String path) {
		LeadershipState current = this.state.get();
		if (!this.running) {
			return;
		}
		if (current.leader() && current.confirmation() == null) {
			try {
				revoke(RevocationReason.NODE_DELETED, null);
			}
			finally {
				rejoin();
			}
		}
		else if (path.equals(this.candidacy.node())) {
			rejoin();
		}
	}

	private void onConnectionStateChanged(ConnectionState newState) {
		update((state) -> state.withConnection(newState));
		switch (newState) {
			case SUSPENDED -> {
				this.disconnectedAt = System.nanoTime();
				if (this.settings.connectionLoss() == ConnectionLossPolicy.SUSPENDED) {
					update((state) -> state.leaseEnded(System.nanoTime()));
					revoke(RevocationReason.CONNECTION_SUSPENDED, null);
				}
			}
			case RECONNECTED -> {
				long since = this.disconnectedAt;
				this.disconnectedAt = 0;
				if (since != 0 && isLeader()) {
					this.announcer.rodeOut(System.nanoTime() - since);
				}
				this.lease.reconnected();
				String node = leadershipNode(this.state.get());
				if (node != null) {
					this.lease.renew(node);
				}
				reconcile();
			}
			case LOST -> {
				this.disconnectedAt = 0;
				try {
					revoke(RevocationReason.CONNECTION_LOST, null);
				}
				finally {
					// Unless a deleted node made it rejoin on the new session already.
					if (this.running && !this.candidacy.onCurrentSession()) {
						rejoin();
					}
				}
			}
			default -> {
			}
		}
	}

	// Brings the leadership in line with the rule: lead while first with a valid lease.
	private void reconcile() {
		LeadershipState current = this.state.get();
		if (!this.running) {
			return;
		}
		if (current.leader()) {
			if (!leads(current)) {
				revoke(reasonForEnd(current), null);
			}
			return;
		}
		String node = this.candidacy.node();
		if (node == null || !this.candidacy.wasFirst(node) || !connectionAllows()) {
			return;
		}
		Confirmation confirmation = current.confirmation();
		if (confirmation != null && confirmation.path().equals(node)
				&& confirmation.validAt(System.nanoTime(), handle())) {
			grant(confirmation);
		}
		else {
			// The grant follows the answer.
			this.lease.renew(node);
		}
	}

	private RevocationReason reasonForEnd(LeadershipState current) {
		Confirmation confirmation = current.confirmation();
		if (confirmation == null) {
			return RevocationReason.NODE_DELETED;
		}
		if (confirmation.handle() != handle()) {
			return RevocationReason.CONNECTION_LOST;
		}
		return connectionAllows() ? RevocationReason.LEASE_EXPIRED : RevocationReason.CONNECTION_SUSPENDED;
	}

	private void grant(Confirmation confirmation) {
		Instant now = Instant.now();
		update((state) -> state.granted(now));
		long leadership = this.leaderships.incrementAndGet();
		this.announcer.granted(now, confirmation.token());
		// A listener may already have yielded; only a leadership that still stands opens
		// the gate.
		update((state) -> (state.leader() && leadership == this.leaderships.get()) ? state.announced() : state);
		watchLease(leadership);
	}

	private void revoke(RevocationReason reason, @Nullable Thread exempt) {
		LeadershipState before = this.state.get();
		if (!before.leader()) {
			return;
		}
		update(LeadershipState::revoked);
		this.waitingSince = Instant.now();
		if (this.settings.interruptOnRevoke()) {
			this.calls.interrupt(exempt);
		}
		Instant since = before.since();
		this.announcer.revoked((since != null) ? since : this.waitingSince, before.token(), reason);
	}

	private LeadershipState update(UnaryOperator<LeadershipState> change) {
		LeadershipState after = this.state.updateAndGet(change);
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
		return after;
	}

	@Override
	public String toString() {
		return "Election[name=" + election() + ", path=" + path() + ", participant=" + participantId() + ", leader="
				+ isLeader() + "]";
	}

}
