package dev.zkleader.election;

import java.time.Instant;

import org.apache.curator.framework.state.ConnectionState;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of one election, swapped atomically by the {@link Election} (its
 * only writer). Readers take one snapshot and decide from it.
 *
 * @param leader whether the latch has granted leadership to this instance
 * @param announced whether the granted event has been published for this leadership;
 * leader-only work waits for it, so that listeners of the event see the leadership before
 * any gated method does
 * @param since when the current leadership began, {@code null} when not leader
 * @param connection the last connection state seen, {@code null} before the first
 * connection
 */
record LeadershipState(boolean leader, boolean announced, @Nullable Instant since,
		@Nullable ConnectionState connection) {

	static final LeadershipState INITIAL = new LeadershipState(false, false, null, null);

	LeadershipState granted(Instant at) {
		return new LeadershipState(true, false, at, this.connection);
	}

	LeadershipState announce() {
		return new LeadershipState(this.leader, this.leader, this.since, this.connection);
	}

	LeadershipState revoked() {
		return new LeadershipState(false, false, null, this.connection);
	}

	LeadershipState withConnection(@Nullable ConnectionState newConnection) {
		return new LeadershipState(this.leader, this.announced, this.since, newConnection);
	}

}
