package dev.zkleader.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import dev.zkleader.LeadershipContext;
import dev.zkleader.gate.LeaderWorkPermits;
import dev.zkleader.gate.LeaderWorkRun;

/**
 * A leadership that always leads, for tests without ZooKeeper: every election is led by
 * this instance with a fixed fencing token, and {@code @LeaderOnly} methods run. Usable
 * directly in a unit test, or through {@link AlwaysLeader} in a Spring test.
 */
public final class FixedLeadership implements Leadership, LeaderElections, LeaderWorkPermits {

	/**
	 * The fencing token of the fixed leadership.
	 */
	public static final long TOKEN = 1;

	private static final String PARTICIPANT = "test-leader";

	private final String election;

	private final Instant since = Instant.now();

	/**
	 * A leadership of the default election.
	 */
	public FixedLeadership() {
		this(LeaderElections.DEFAULT);
	}

	private FixedLeadership(String election) {
		this.election = election;
	}

	@Override
	public String election() {
		return this.election;
	}

	@Override
	public boolean isLeader() {
		return true;
	}

	@Override
	public OptionalLong fencingToken() {
		return OptionalLong.of(TOKEN);
	}

	@Override
	public String participantId() {
		return PARTICIPANT;
	}

	@Override
	public Optional<Instant> leaderSince() {
		return Optional.of(this.since);
	}

	@Override
	public Optional<String> leaderId() {
		return Optional.of(PARTICIPANT);
	}

	@Override
	public List<String> participants() {
		return List.of(PARTICIPANT);
	}

	@Override
	public boolean awaitLeadership(Duration timeout) {
		return true;
	}

	@Override
	public boolean yieldLeadership() {
		return false;
	}

	@Override
	public Leadership get(String name) {
		return new FixedLeadership(name);
	}

	@Override
	public Set<String> names() {
		return Set.of(this.election);
	}

	@Override
	public LeaderWorkRun begin(String election) {
		LeadershipContext.Scope scope = LeadershipContext.enter(election, TOKEN, () -> true);
		return new LeaderWorkRun() {

			@Override
			public String election() {
				return election;
			}

			@Override
			public long token() {
				return TOKEN;
			}

			@Override
			public boolean stillLeading() {
				return true;
			}

			@Override
			public void end() {
				scope.close();
			}

		};
	}

}
