package dev.zkleader.fault;

/**
 * One event an instance reported: a leadership change (granted, revoked) or a change of
 * its ZooKeeper connection (suspended, reconnected, lost). Times are epoch milliseconds.
 *
 * @param receivedAt when the register got the report
 * @param participant the reporting instance
 * @param kind {@code granted}, {@code revoked}, {@code suspended}, {@code reconnected},
 * {@code lost}, or {@code heartbeat}
 * @param token the fencing token of a leadership event (0 for a connection event)
 * @param time when it happened, by the instance's clock (the event's own time)
 * @param reason why leadership was revoked (empty otherwise)
 */
record LeaderEvent(long receivedAt, String participant, String kind, long token, long time, String reason) {

	static final String HEADER = "received_at\tparticipant\tkind\ttoken\ttime\treason";

	static final String GRANTED = "granted";

	static final String REVOKED = "revoked";

	static final String SUSPENDED = "suspended";

	static final String RECONNECTED = "reconnected";

	static final String LOST = "lost";

	/**
	 * The instance's periodic report, which follows an answer of ZooKeeper to
	 * {@code Leadership.participants()}; only in memory, not in {@code events.tsv}.
	 */
	static final String HEARTBEAT = "heartbeat";

	/**
	 * How often an instance reports ({@code fault.heartbeat.delay}, a fixed delay).
	 */
	static final long HEARTBEAT_DELAY_MILLIS = 500;

	static LeaderEvent granted(String participant, long token, long time) {
		return new LeaderEvent(time, participant, GRANTED, token, time, "");
	}

	static LeaderEvent revoked(String participant, long token, long time, String reason) {
		return new LeaderEvent(time, participant, REVOKED, token, time, reason);
	}

	boolean is(String kind) {
		return this.kind.equals(kind);
	}

	String toTsv() {
		return this.receivedAt + "\t" + this.participant + "\t" + this.kind + "\t" + this.token + "\t" + this.time
				+ "\t" + this.reason;
	}

}
