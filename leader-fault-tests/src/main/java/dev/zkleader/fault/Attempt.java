package dev.zkleader.fault;

/**
 * One write attempted on the fenced register, accepted or not: one run of the leader-only
 * job. Times are epoch milliseconds; all processes share this machine's clock.
 *
 * @param seq the position in the register's history (the order of arrival)
 * @param receivedAt when the register decided
 * @param participant who ran the job
 * @param token the fencing token the run started under
 * @param start when the run started (after the gate let it through)
 * @param end when its work ended
 * @param interrupted whether the run was interrupted (leadership revoked mid-run)
 * @param stillLeading whether the run's leadership still stood when it wrote
 * @param accepted whether the register accepted the write
 */
record Attempt(long seq, long receivedAt, String participant, long token, long start, long end, boolean interrupted,
		boolean stillLeading, boolean accepted) {

	static final String HEADER = "seq\treceived_at\tparticipant\ttoken\tstart\tend\tinterrupted\tstill_leading\taccepted";

	String toTsv() {
		return this.seq + "\t" + this.receivedAt + "\t" + this.participant + "\t" + this.token + "\t" + this.start
				+ "\t" + this.end + "\t" + this.interrupted + "\t" + this.stillLeading + "\t" + this.accepted;
	}

}
