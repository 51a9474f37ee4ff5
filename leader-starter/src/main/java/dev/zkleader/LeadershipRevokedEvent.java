package dev.zkleader;

import java.time.Instant;

/**
 * This instance is no longer the leader. By the time this event is published,
 * {@link LeaderOnly} methods are already refused.
 */
public final class LeadershipRevokedEvent extends LeadershipEvent {

	private final RevocationReason reason;

	/**
	 * Creates the event.
	 * @param source the leadership that was revoked
	 * @param election the election name
	 * @param participantId this instance's participant id
	 * @param time when leadership was revoked
	 * @param fencingToken the fencing token of the leadership that ended
	 * @param reason why leadership was revoked
	 */
	public LeadershipRevokedEvent(Leadership source, String election, String participantId, Instant time,
			long fencingToken, RevocationReason reason) {
		super(source, election, participantId, time, fencingToken);
		this.reason = reason;
	}

	/**
	 * Why leadership was revoked.
	 * @return the reason
	 */
	public RevocationReason getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "LeadershipRevokedEvent[election=" + getElection() + ", participant=" + getParticipantId() + ", time="
				+ getTime() + ", token=" + getFencingToken() + ", reason=" + this.reason + "]";
	}

}
