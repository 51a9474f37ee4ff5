package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

import dev.zkleader.Leadership;
import dev.zkleader.gate.LeaderWorkRun;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * One leader election as the application sees it. Its one rule: this instance leads while
 * the latch has put its node first and the {@link Lease} on that node, renewed in the
 * background, has not run out; connection states inform the lease but do not decide on
 * their own. The {@link Transitions} make every change; this class reads snapshots of the
 * {@link CurrentLeadership} and gates leader-only calls.
 */
final class Election implements Leadership {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private final CuratorFramework client;

	private final ElectionSettings settings;

	private final ElectionThread thread;

	private final CurrentLeadership current;

	private final RunningCalls calls;

	private final Announcer announcer;

	private final Transitions transitions;

	private final ConnectionWatch connections;

	private volatile @Nullable String participantId;

	Election(CuratorFramework client, ElectionSettings settings, ApplicationEventPublisher publisher,
			ScheduledExecutorService timer) {
		this.client = client;
		this.settings = settings;
		this.thread = new ElectionThread(settings.name());
		this.current = new CurrentLeadership(client, settings.connectionLoss());
		this.calls = new RunningCalls(settings.name());
		this.announcer = new Announcer(this, publisher);
		this.transitions = new Transitions(client, settings, timer, this.thread, this.current, this.calls,
				this.announcer);
		this.connections = new ConnectionWatch(client, settings, this.current, this.transitions, this.announcer);
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
		return this.current.leads(this.current.get());
	}

	@Override
	public OptionalLong fencingToken() {
		LeadershipState state = this.current.get();
		return this.current.leads(state) ? OptionalLong.of(state.token()) : OptionalLong.empty();
	}

	@Override
	public Optional<Instant> leaderSince() {
		LeadershipState state = this.current.get();
		return this.current.leads(state) ? Optional.ofNullable(state.since()) : Optional.empty();
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
			return this.transitions.candidacy().participants().stream().map(Participant::getId).toList();
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
		return this.current.awaitWork(timeout);
	}

	@Override
	public boolean yieldLeadership() {
		if (!this.transitions.isRunning()) {
			return false;
		}
		Thread caller = Thread.currentThread();
		return this.thread.call(() -> this.transitions.yieldNow(caller),
				this.settings.drainTimeout().plus(CALL_TIMEOUT));
	}

	/**
	 * Starts a yield without waiting for it.
	 * @return {@code true} if this instance leads and will step down
	 */
	boolean yieldInBackground() {
		if (!this.transitions.isRunning() || !this.current.get().leader()) {
			return false;
		}
		this.thread.execute(() -> this.transitions.yieldNow(null));
		return true;
	}

	/**
	 * Moves this instance to the back of the queue, unless it leads.
	 */
	void requeue() {
		this.thread.execute(this.transitions::requeue);
	}

	/**
	 * Starts a run of leader-only work on the calling thread, if the lease allows it now.
	 * @return the run, or {@code null} when the work must be skipped
	 */
	@Nullable LeaderWorkRun begin() {
		LeadershipState state = this.current.get();
		if (!this.current.permitsWork(state)) {
			this.calls.skipped();
			return null;
		}
		long token = state.token();
		RunningCalls.Run run = this.calls.register(token, this.current::stillLeading);
		// Registered first, checked again: a revocation in between either sees the run or
		// is seen here.
		LeadershipState now = this.current.get();
		if (!this.current.permitsWork(now) || now.token() != token) {
			this.calls.abandon(run);
			return null;
		}
		return this.calls.admit(run);
	}

	/**
	 * The latest proof that this instance's latch node is alive.
	 * @return the confirmation, or {@code null} when there is none
	 */
	@Nullable Confirmation confirmation() {
		return this.current.get().confirmation();
	}

	ElectionSnapshot snapshot() {
		LeadershipState state = this.current.get();
		boolean leads = this.current.leads(state);
		Confirmation confirmation = state.confirmation();
		Duration lease = (leads && confirmation != null)
				? Duration.ofNanos(Math.max(0, confirmation.leaseEnd() - System.nanoTime())) : null;
		ConnectionState connection = state.connection();
		String connectionName = this.client.getZookeeperClient().isConnected() ? "CONNECTED"
				: (connection != null) ? connection.name() : "NOT_CONNECTED";
		return new ElectionSnapshot(election(), path(), participantId(), leads, leads ? state.token() : null,
				leads ? state.since() : null, lease, connectionName, this.transitions.waitingSince(),
				this.calls.executedCount(), this.calls.skippedCount());
	}

	synchronized void start() {
		if (this.transitions.isRunning()) {
			return;
		}
		Assert.state(this.client.getState() == CuratorFrameworkState.STARTED,
				"The CuratorFramework used for leader election must be started");
		String id = this.settings.participantId().get();
		this.participantId = id;
		this.thread.start();
		this.connections.register(this.thread);
		this.thread.call(() -> {
			this.transitions.join(id);
			return null;
		}, CALL_TIMEOUT);
		this.announcer.joined(path());
	}

	synchronized void stop() {
		if (!this.transitions.isRunning()) {
			return;
		}
		try {
			this.connections.unregister();
			this.thread.call(() -> {
				this.transitions.leave();
				return null;
			}, this.settings.drainTimeout().plus(CALL_TIMEOUT));
			this.announcer.left();
		}
		finally {
			this.thread.shutdown();
		}
	}

	@Override
	public String toString() {
		return "Election[name=" + election() + ", path=" + path() + ", participant=" + participantId() + ", leader="
				+ isLeader() + "]";
	}

}
