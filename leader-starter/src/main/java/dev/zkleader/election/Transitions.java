package dev.zkleader.election;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import dev.zkleader.RevocationReason;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.jspecify.annotations.Nullable;

/**
 * Every change of one election's leadership, made on its {@link ElectionThread}: the
 * grant once the latch put this node first and a lease confirms it, the revocation when
 * the lease runs out, the node goes or the session is lost, the hand-over of a yield or
 * shutdown (drain, revoked event, then the node goes), and the rejoin with a fresh latch.
 * The {@link Lease} renews on the shared timer and its answers arrive on ZooKeeper's
 * event thread; both touch the state only through {@link CurrentLeadership}.
 */
final class Transitions implements Lease.Listener {

	private final ElectionSettings settings;

	private final ElectionThread thread;

	private final CurrentLeadership current;

	private final Candidacy candidacy;

	private final Lease lease;

	private final RunningCalls calls;

	private final Announcer announcer;

	// Each leadership's lease watch carries its number, so that an old one stops.
	private final AtomicLong leaderships = new AtomicLong();

	private final LeaderLatchListener latchListener = new LeaderLatchListener() {

		@Override
		public void isLeader() {
			reconcile();
		}

		@Override
		public void notLeader() {
			// It also says so while disconnected: only a read can tell a lost node.
			Transitions.this.lease.renewNow();
		}

	};

	private volatile boolean running;

	// Counts the joins, so that renewals of an earlier start stop after a restart.
	private final AtomicLong joins = new AtomicLong();

	private volatile String participantId = "";

	private volatile Instant waitingSince = Instant.now();

	Transitions(CuratorFramework client, ElectionSettings settings, ScheduledExecutorService timer,
			ElectionThread thread, CurrentLeadership current, RunningCalls calls, Announcer announcer) {
		this.settings = settings;
		this.thread = thread;
		this.current = current;
		this.candidacy = new Candidacy(client, settings.path());
		this.lease = new Lease(client, timer, current, this.candidacy::node, this);
		this.calls = calls;
		this.announcer = announcer;
	}

	boolean isRunning() {
		return this.running;
	}

	Instant waitingSince() {
		return this.waitingSince;
	}

	Candidacy candidacy() {
		return this.candidacy;
	}

	Lease lease() {
		return this.lease;
	}

	// On the election thread.
	void join(String participantId) {
		this.participantId = participantId;
		this.running = true;
		rejoin();
		long join = this.joins.incrementAndGet();
		this.lease.start(() -> this.running && this.joins.get() == join);
	}

	// On the election thread: drain, announce, then hand over, so that the next leader is
	// granted only after this one's work and revoked listeners are done.
	void leave() {
		this.running = false;
		handOver(RevocationReason.SHUTDOWN, null);
		this.candidacy.awaitRemoval(this.candidacy.leave());
		this.current.update(LeadershipState::rejoined);
	}

	// On the election thread.
	boolean yieldNow(@Nullable Thread caller) {
		if (!this.running || !this.current.get().leader()) {
			return false;
		}
		handOver(RevocationReason.YIELDED, caller);
		rejoin();
		return true;
	}

	// On the election thread: a follower rejoins at the back of the queue.
	void requeue() {
		if (this.running && !this.current.get().leader()) {
			rejoin();
		}
	}

	private void handOver(RevocationReason reason, @Nullable Thread exempt) {
		if (!this.current.get().leader()) {
			return;
		}
		this.current.update(LeadershipState::gateClosed);
		int running = this.calls.drain(this.settings.drainTimeout(), exempt);
		if (running > 0) {
			this.announcer.drainTimedOut(running, this.settings.drainTimeout());
		}
		revoke(reason, exempt);
	}

	void rejoin() {
		this.current.update(LeadershipState::rejoined);
		this.waitingSince = Instant.now();
		try {
			this.candidacy.join(this.participantId, this.latchListener, this.thread);
		}
		catch (Exception ex) {
			this.announcer.rejoinFailed(ex);
		}
	}

	@Override
	public void confirmed(Confirmation confirmation) {
		if (!confirmation.path().equals(this.lease.node())) {
			return;
		}
		LeadershipState after = this.current.update((state) -> state.confirmed(confirmation));
		if (!after.leader() && this.candidacy.wasFirst(confirmation.path())) {
			this.thread.execute(this::reconcile);
		}
	}

	@Override
	public void nodeGone(String path) {
		this.current.update((state) -> state.nodeGone(path));
		this.thread.execute(() -> onNodeGone(path));
	}

	private void onNodeGone(String path) {
		if (!this.running) {
			return;
		}
		LeadershipState state = this.current.get();
		if (state.leader() && state.confirmation() == null) {
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

	// Brings the leadership in line with the rule: lead while first with a valid lease.
	void reconcile() {
		LeadershipState state = this.current.get();
		if (!this.running) {
			return;
		}
		if (state.leader()) {
			if (!this.current.leads(state)) {
				revoke(reasonForEnd(state), null);
			}
			return;
		}
		String node = this.candidacy.node();
		if (node == null || !this.candidacy.wasFirst(node) || !this.current.connectionAllows()) {
			return;
		}
		Confirmation confirmation = state.confirmation();
		if (confirmation != null && confirmation.path().equals(node)
				&& confirmation.validAt(System.nanoTime(), this.current.handle())) {
			grant(confirmation);
		}
		else {
			// The grant follows the answer.
			this.lease.renew(node);
		}
	}

	private RevocationReason reasonForEnd(LeadershipState state) {
		Confirmation confirmation = state.confirmation();
		if (confirmation == null) {
			return RevocationReason.NODE_DELETED;
		}
		if (confirmation.handle() != this.current.handle()) {
			return RevocationReason.CONNECTION_LOST;
		}
		return this.current.connectionAllows() ? RevocationReason.LEASE_EXPIRED : RevocationReason.CONNECTION_SUSPENDED;
	}

	private void grant(Confirmation confirmation) {
		Instant now = Instant.now();
		this.current.update((state) -> state.granted(now));
		long leadership = this.leaderships.incrementAndGet();
		this.announcer.granted(now, confirmation.token());
		// A listener may already have yielded; only a leadership that still stands opens
		// the gate.
		this.current
			.update((state) -> (state.leader() && leadership == this.leaderships.get()) ? state.announced() : state);
		this.lease.watch(this.leaderships::get, leadership, () -> this.thread.execute(this::reconcile));
	}

	void revoke(RevocationReason reason, @Nullable Thread exempt) {
		LeadershipState before = this.current.get();
		if (!before.leader()) {
			return;
		}
		this.current.update(LeadershipState::revoked);
		this.waitingSince = Instant.now();
		if (this.settings.interruptOnRevoke()) {
			this.calls.interrupt(exempt);
		}
		Instant since = before.since();
		this.announcer.revoked((since != null) ? since : this.waitingSince, before.token(), reason);
	}

}
