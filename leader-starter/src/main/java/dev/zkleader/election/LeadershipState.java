package dev.zkleader.election;

import java.time.Instant;

import org.apache.curator.framework.state.ConnectionState;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one election, swapped atomically by the {@link Election} (its
 * only writer). Readers take one snapshot and decide from it.
 *
 * @param leader whether the latch has granted leadership to this instance
 * @param announced whether leader-only work may start: set once the granted event has
 * been published (so that its listeners see the leadership before any gated method does),
 * cleared while shutdown drains running work
 * @param since when the current leadership began, {@code null} when not leader
 * @param token the fencing token of the current leadership (the czxid of this instance's
 * latch node), 0 when not leader
 * @param session the ZooKeeper session that owns the latch node of the current
 * leadership, 0 when not leader
 * @param connection the last connection state seen, {@code null} before the first
 * connection
 */
record LeadershipState(boolean leader, boolean announced, @Nullable Instant since, long token, long session,
		long handle, @Nullable ConnectionState connection) {

	static final LeadershipState INITIAL = new LeadershipState(false, false, null, 0, 0, 0, null);

	LeadershipState granted(Instant at, long newToken, long newSession, long newHandle) {
		return new LeadershipState(true, false, at, newToken, newSession, newHandle, this.connection);
	}

	LeadershipState announce() {
		return new LeadershipState(this.leader, this.leader, this.since, this.token, this.session, this.handle,
				this.connection);
	}

	LeadershipState closeGate() {
		return new LeadershipState(this.leader, false, this.since, this.token, this.session, this.handle,
				this.connection);
	}

	LeadershipState revoked() {
		return new LeadershipState(false, false, null, 0, 0, 0, this.connection);
	}

	LeadershipState withConnection(@Nullable ConnectionState newConnection) {
		return new LeadershipState(this.leader, this.announced, this.since, this.token, this.session, this.handle,
				newConnection);
	}

}
