package dev.zkleader.benchmarks.participant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lines a participant and the driver exchange. A participant prints its reports on
 * standard output, among its log lines, each starting with {@link #PREFIX} and followed
 * by numbers (epoch microseconds unless said otherwise, 0 when unknown); the driver sends
 * one command per line on the participant's standard input.
 */
public final class Protocol {

	/**
	 * Marks a report line.
	 */
	public static final String PREFIX = "@bench ";

	/**
	 * Command: leave the election gracefully, then join again as a fresh instance.
	 */
	public static final String STOP = "STOP";

	/**
	 * Command: leave the election gracefully and exit.
	 */
	public static final String EXIT = "EXIT";

	private Protocol() {
	}

	static String line(Kind kind, long... values) {
		return PREFIX + kind + " " + Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(" "));
	}

	/**
	 * Reads a report line.
	 * @param line a line of a participant's output
	 * @return the report, or empty for a log line
	 */
	public static Optional<Report> parse(String line) {
		if (!line.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String[] parts = line.substring(PREFIX.length()).trim().split(" ");
		List<Long> values = Arrays.stream(parts).skip(1).map(Long::valueOf).toList();
		return Optional.of(new Report(Kind.valueOf(parts[0]), values));
	}

	/**
	 * What a participant reports.
	 */
	public enum Kind {

		/**
		 * Joined the election: time, negotiated session timeout in ms.
		 */
		READY,

		/**
		 * Leadership granted: when the callback or event arrived, when the children list
		 * that put this participant first arrived, when the grant event was published
		 * (Spring contenders), when the grant was logged (this starter), when the last
		 * node data arrived.
		 */
		GRANTED,

		/**
		 * The client sent a delete: time.
		 */
		DELETE_SENT,

		/**
		 * Left the election: when the shutdown started, when it returned, when the
		 * revoked event was published and when the revocation was logged (this starter),
		 * when the context published its closed event (Spring contenders).
		 */
		STOPPED,

		/**
		 * Leadership revoked (the contender's own callback or event): time.
		 */
		REVOKED,

		/**
		 * One run of the leader-only job: when it started, when it ended, 1 if it was
		 * interrupted (0 if it ran to its end).
		 */
		RUN

	}

	/**
	 * One report.
	 *
	 * @param kind what happened
	 * @param values the numbers, in the order the kind documents
	 */
	public record Report(Kind kind, List<Long> values) {

		/**
		 * One of the numbers.
		 * @param index its position
		 * @return the number, 0 if absent
		 */
		public long value(int index) {
			return (index < this.values.size()) ? this.values.get(index) : 0;
		}

	}

}
