package dev.zkleader.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.zkleader.LeaderElections;
import dev.zkleader.Leadership;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link Leadership} of an instance with {@code leader.enabled=false}: it never
 * leads.
 */
final class DisabledLeadership implements Leadership {

	private static final Log logger = LogFactory.getLog(DisabledLeadership.class);

	DisabledLeadership() {
		logger.warn("Leader election is disabled (leader.enabled=false): @LeaderOnly methods will not run on this "
				+ "instance");
	}

	@Override
	public String election() {
		return LeaderElections.DEFAULT;
	}

	@Override
	public boolean isLeader() {
		return false;
	}

	@Override
	public OptionalLong fencingToken() {
		return OptionalLong.empty();
	}

	@Override
	public String participantId() {
		return "disabled";
	}

	@Override
	public Optional<Instant> leaderSince() {
		return Optional.empty();
	}

	@Override
	public Optional<String> leaderId() {
		return Optional.empty();
	}

	@Override
	public List<String> participants() {
		return List.of();
	}

	@Override
	public boolean awaitLeadership(Duration timeout) {
		return false;
	}

	@Override
	public boolean yieldLeadership() {
		return false;
	}

}
