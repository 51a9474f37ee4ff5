package dev.zkleader;

import java.time.Instant;

/**
 * This instance has become the leader. Published before any {@link LeaderOnly} method
 * runs in the new leadership.
 */
public final class LeadershipGrantedEvent extends LeadershipEvent {

	/**
	 * Creates the event.
	 * @param source the leadership that was granted
	 * @param election the election name
	 * @param participantId this instance's participant id
	 * @param time when leadership was granted
	 * @param fencingToken the fencing token of the new leadership
	 */
	public LeadershipGrantedEvent(Leadership source, String election, String participantId, Instant time,
			long fencingToken) {
		super(source, election, participantId, time, fencingToken);
	}

	@Override
	public String toString() {
		return "LeadershipGrantedEvent[election=" + getElection() + ", participant=" + getParticipantId() + ", time="
				+ getTime() + ", token=" + getFencingToken() + "]";
	}

}
