package dev.zkleader.election;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one election looks like from this instance at one moment, taken from a single
 * state snapshot and without asking ZooKeeper: what the endpoint, the health indicator
 * and the metrics read.
 * <p>
 * Internal: read through {@link ElectionRegistry}.
 *
 * @param name the election name
 * @param path the latch path in ZooKeeper
 * @param participantId this instance's participant id
 * @param leader whether this instance leads
 * @param fencingToken the current leadership's fencing token, when it leads
 * @param leaderSince when the current leadership began, when it leads
 * @param leaseRemaining how long the lease lasts without another renewal, when it leads
 * @param connection the ZooKeeper connection state: {@code CONNECTED}, the last state
 * heard of while not connected, or {@code NOT_CONNECTED}
 * @param waitingSince when this instance joined or last lost leadership
 * @param executedCalls how many {@code @LeaderOnly} calls ran
 * @param skippedCalls how many {@code @LeaderOnly} calls were skipped
 */
public record ElectionSnapshot(String name, String path, String participantId, boolean leader,
		@Nullable Long fencingToken, @Nullable Instant leaderSince, @Nullable Duration leaseRemaining,
		String connection, Instant waitingSince, long executedCalls, long skippedCalls) {

	/**
	 * Whether the client is connected to ZooKeeper.
	 * @return {@code true} when connected
	 */
	public boolean connected() {
		return "CONNECTED".equals(this.connection);
	}

}
