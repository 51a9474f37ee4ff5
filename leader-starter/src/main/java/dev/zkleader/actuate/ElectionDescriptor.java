package dev.zkleader.actuate;

import java.time.Instant;
import java.util.List;

import dev.zkleader.election.Election;
import org.apache.curator.framework.state.ConnectionState;
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
 * @param connectionState the last ZooKeeper connection state this election heard of
 */
public record ElectionDescriptor(String name, String path, String participantId, boolean leader,
		@Nullable String leaderId, List<String> participants, @Nullable Long fencingToken,
		@Nullable Instant leaderSince, String connectionState) {

	static ElectionDescriptor of(Election election) {
		ConnectionState connection = election.connectionState();
		return new ElectionDescriptor(election.election(), election.path(), election.participantId(),
				election.isLeader(), election.leaderId().orElse(null), election.participants(),
				election.fencingToken().isPresent() ? election.fencingToken().getAsLong() : null,
				election.leaderSince().orElse(null), (connection != null) ? connection.name() : "NOT_CONNECTED");
	}

}
