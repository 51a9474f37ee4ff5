package dev.zkleader.benchmarks.participant;

import java.io.PrintStream;
import java.time.Duration;

import dev.zkleader.benchmarks.participant.Protocol.Kind;
import dev.zkleader.benchmarks.support.EpochMicros;

/**
 * The application job of the maintenance benchmark, the same for every contender: every
 * few milliseconds one run of leader-only work (a sleep of fixed length standing for a
 * unit of work) through the contender's gate, and a {@link Kind#RUN} report for each run
 * that happened, saying whether a revocation interrupted it. Runs on a daemon thread of
 * its own for the life of the process.
 */
final class LeaderJob implements Runnable {

	private final Membership membership;

	private final long periodMillis;

	private final long workMillis;

	private final PrintStream out;

	private LeaderJob(Membership membership, Duration period, Duration work, PrintStream out) {
		this.membership = membership;
		this.periodMillis = period.toMillis();
		this.workMillis = work.toMillis();
		this.out = out;
	}

	static void start(Membership membership, Duration period, Duration work, PrintStream out) {
		Thread thread = new Thread(new LeaderJob(membership, period, work, out), "leader-job");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void run() {
		long[] run = new long[3];
		while (true) {
			boolean ran = this.membership.runAsLeader(() -> {
				run[0] = EpochMicros.now();
				run[2] = 0;
				try {
					Thread.sleep(this.workMillis);
				}
				catch (InterruptedException ex) {
					run[2] = 1;
				}
				run[1] = EpochMicros.now();
			});
			if (ran) {
				this.out.println(Protocol.line(Kind.RUN, run[0], run[1], run[2]));
			}
			try {
				Thread.sleep(this.periodMillis);
			}
			catch (InterruptedException ex) {
				// A revocation's interrupt that arrived after the run: the job goes on.
			}
		}
	}

}
