package dev.zkleader;

import java.time.Instant;

import org.springframework.context.ApplicationEvent;

/**
 * A change of this instance's leadership, published to the application context so that
 * {@code @EventListener} methods receive it. Events of one election are published in
 * order, on the election's own thread.
 */
public abstract sealed class LeadershipEvent extends ApplicationEvent
		permits LeadershipGrantedEvent, LeadershipRevokedEvent {

	private final String election;

	private final String participantId;

	private final Instant time;

	private final long fencingToken;

	LeadershipEvent(Leadership source, String election, String participantId, Instant time, long fencingToken) {
		super(source);
		this.election = election;
		this.participantId = participantId;
		this.time = time;
		this.fencingToken = fencingToken;
	}

	/**
	 * The {@link Leadership} whose state changed.
	 * @return the source of the event
	 */
	public Leadership getLeadership() {
		return (Leadership) getSource();
	}

	/**
	 * The name of the election.
	 * @return the election name
	 */
	public String getElection() {
		return this.election;
	}

	/**
	 * This instance's participant id.
	 * @return the participant id
	 */
	public String getParticipantId() {
		return this.participantId;
	}

	/**
	 * When the change happened.
	 * @return the time of the change
	 */
	public Instant getTime() {
		return this.time;
	}

	/**
	 * The fencing token of the leadership that began or ended (see
	 * {@link Leadership#fencingToken()}).
	 * @return the token
	 */
	public long getFencingToken() {
		return this.fencingToken;
	}

}
