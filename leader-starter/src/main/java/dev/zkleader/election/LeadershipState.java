package dev.zkleader.election;

import java.time.Instant;

import org.apache.curator.framework.state.ConnectionState;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one election, swapped atomically by its {@link Election}.
 * Every reader takes one snapshot and decides from it; the gate's rule is
 * {@link #permitsWork(long, long)}.
 *
 * @param leader whether this instance holds the leadership (the latch put its node first
 * and no revocation has ended it since)
 * @param gateOpen whether leader-only work may start: set once the granted event has been
 * published, cleared while a yield or shutdown drains running work
 * @param since when the current leadership began, {@code null} when not leader
 * @param confirmation the latest proof that this instance's latch node is alive, or
 * {@code null} when there is none for its current node
 * @param connection the last connection state heard of, {@code null} before the first
 */
record LeadershipState(boolean leader, boolean gateOpen, @Nullable Instant since, @Nullable Confirmation confirmation,
		@Nullable ConnectionState connection) {

	static final LeadershipState INITIAL = new LeadershipState(false, false, null, null, null);

	/**
	 * Whether this instance leads at {@code now}: it holds the leadership, and its lease
	 * on the session that won it has not run out.
	 * @param now {@link System#nanoTime()}
	 * @param handle the client's current instance index
	 * @return {@code true} while it leads
	 */
	boolean leadsAt(long now, long handle) {
		Confirmation current = this.confirmation;
		return this.leader && current != null && current.validAt(now, handle);
	}

	/**
	 * The gate's rule: leader-only work may start.
	 * @param now {@link System#nanoTime()}
	 * @param handle the client's current instance index
	 * @return {@code true} if it may
	 */
	boolean permitsWork(long now, long handle) {
		return this.gateOpen && leadsAt(now, handle);
	}

	long token() {
		Confirmation current = this.confirmation;
		return (current != null) ? current.token() : 0;
	}

	LeadershipState confirmed(Confirmation proof) {
		Confirmation current = this.confirmation;
		if (current != null && current.path().equals(proof.path())) {
			return withConfirmation(current.extendedBy(proof));
		}
		// A leadership lives on one node; only a follower moves to another one.
		return this.leader ? this : withConfirmation(proof);
	}

	LeadershipState nodeGone(String path) {
		Confirmation current = this.confirmation;
		if (current == null || !current.path().equals(path)) {
			return this;
		}
		return new LeadershipState(this.leader, false, this.since, null, this.connection);
	}

	LeadershipState leaseEnded(long now) {
		Confirmation current = this.confirmation;
		return (current != null) ? withConfirmation(current.ended(now)) : this;
	}

	LeadershipState granted(Instant at) {
		return new LeadershipState(true, false, at, this.confirmation, this.connection);
	}

	LeadershipState announced() {
		return new LeadershipState(this.leader, this.leader, this.since, this.confirmation, this.connection);
	}

	LeadershipState gateClosed() {
		return new LeadershipState(this.leader, false, this.since, this.confirmation, this.connection);
	}

	LeadershipState revoked() {
		return new LeadershipState(false, false, null, this.confirmation, this.connection);
	}

	LeadershipState rejoined() {
		return new LeadershipState(false, false, null, null, this.connection);
	}

	LeadershipState withConnection(ConnectionState newConnection) {
		return new LeadershipState(this.leader, this.gateOpen, this.since, this.confirmation, newConnection);
	}

	private LeadershipState withConfirmation(@Nullable Confirmation newConfirmation) {
		return new LeadershipState(this.leader, this.gateOpen, this.since, newConfirmation, this.connection);
	}

}
