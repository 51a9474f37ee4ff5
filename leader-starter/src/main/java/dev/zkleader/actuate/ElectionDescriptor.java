package dev.zkleader.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.zkleader.election.ElectionSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code leader} endpoint reports about one election.
 *
 * @param name the election name
 * @param path the latch path in ZooKeeper
 * @param participantId this instance's participant id
 * @param leader whether this instance leads
 * @param leaderId the current leader's participant id, if known
 * @param participants all participants in queue order (the first one leads)
 * @param fencingToken the current leadership's fencing token, when this instance leads
 * @param leaderSince when this instance's leadership began, when it leads
 * @param leaseRemaining how long the leadership lasts without another confirmation from
 * ZooKeeper, when this instance leads
 * @param connectionState the ZooKeeper connection state
 * @param yielding whether a yield asked for by this request is under way
 */
public record ElectionDescriptor(String name, String path, String participantId, boolean leader,
		@Nullable String leaderId, List<String> participants, @Nullable Long fencingToken,
		@Nullable Instant leaderSince, @Nullable Duration leaseRemaining, String connectionState, boolean yielding) {

	static ElectionDescriptor of(ElectionSnapshot snapshot, List<String> participants, boolean yielding) {
		String leaderId = snapshot.leader() ? snapshot.participantId() : participants.stream().findFirst().orElse(null);
		return new ElectionDescriptor(snapshot.name(), snapshot.path(), snapshot.participantId(), snapshot.leader(),
				leaderId, participants, snapshot.fencingToken(), snapshot.leaderSince(), snapshot.leaseRemaining(),
				snapshot.connection(), yielding);
	}

}
