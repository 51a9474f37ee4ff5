package dev.zkleader.election;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How one election runs.
 *
 * @param name the election's name, as events and logs report it
 * @param path the latch path shared by all participants
 * @param participantId supplies this instance's participant id when the election starts
 * @param connectionLoss when a connection drop ends leadership
 * @param interruptOnRevoke whether running leader-only calls are interrupted when
 * leadership is revoked
 * @param drainTimeout how long shutdown waits for running leader-only calls before
 * handing leadership over
 */
public record ElectionSettings(String name, String path, Supplier<String> participantId,
		ConnectionLossPolicy connectionLoss, boolean interruptOnRevoke, Duration drainTimeout) {
}
