package dev.zkleader.benchmarks.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import dev.zkleader.benchmarks.participant.Contender;
import dev.zkleader.benchmarks.support.MarkdownTable;
import dev.zkleader.benchmarks.support.Summary;

/**
 * The outcome of {@link MaintenanceBenchmark}: per contender, the figures of every
 * disturbance's window, and the tables made of them.
 *
 * @param settings how it ran
 * @param segments the windows, in the order they happened
 * @param windows per contender, the figures of each window, in the same order
 * @param negotiatedSessionMillis per contender, the negotiated session timeout
 * @param elapsed how long the benchmark took
 */
public record MaintenanceResult(MaintenanceBenchmark.Settings settings, List<Segment> segments,
		Map<Contender, List<ElectionHistory.Window>> windows, Map<Contender, Integer> negotiatedSessionMillis,
		Duration elapsed) {

	/**
	 * The headline: every member restart (rolling and single) together.
	 * @return the table
	 */
	public String restartTable() {
		MarkdownTable table = restartColumns("Contender");
		for (Contender contender : this.settings.contenders()) {
			restartRow(table, contender, contender.title(), Scenario::isRestart);
		}
		return table.toString();
	}

	/**
	 * The restarts by kind: the members of the rolling restarts, the single restarts.
	 * @return the table
	 */
	public String restartsByKindTable() {
		MarkdownTable table = restartColumns("Contender, restarts");
		for (Contender contender : this.settings.contenders()) {
			restartRow(table, contender,
					contender.shortName() + ", " + this.settings.rollingRestarts() + " rolling restarts",
					Scenario::isRolling);
			restartRow(table, contender, contender.shortName() + ", " + this.settings.singleRestarts()
					+ " single restarts (follower, leader in turn)", Scenario::isSingle);
		}
		return table.toString();
	}

	/**
	 * The cut of every election's leader, longer than the session.
	 * @return the table
	 */
	public String cutTable() {
		MarkdownTable table = new MarkdownTable("Contender", ">old leader revoked after ms",
				">another instance granted after ms", ">both granted, ms",
				">two instances ran the job: moments (overlap ms)", ">leaderless ms", ">interrupted runs");
		int cut = this.segments.size() - 1;
		Segment segment = this.segments.get(cut);
		for (Contender contender : this.settings.contenders()) {
			ElectionHistory.Window window = this.windows.get(contender).get(cut);
			table.row(contender.title(), after(window.firstRevocationMicros(), segment.from()),
					after(window.firstMoveMicros(), segment.from()), millis(window.bothLeadingMicros()),
					window.overlapMoments() + " (" + millis(window.overlapMicros()) + ")",
					millis(window.leaderlessMicros()), window.interruptedRuns());
		}
		return table.toString();
	}

	private static MarkdownTable restartColumns(String first) {
		return new MarkdownTable(first, ">restarts", ">revocations of a healthy leader", ">moves to another instance",
				">interrupted runs", ">leaderless median ms", ">leaderless max ms",
				">two instances ran the job: moments (overlap ms)");
	}

	private void restartRow(MarkdownTable table, Contender contender, String title, Predicate<Scenario> which) {
		List<ElectionHistory.Window> chosen = new ArrayList<>();
		for (int i = 0; i < this.segments.size(); i++) {
			if (which.test(this.segments.get(i).scenario())) {
				chosen.add(this.windows.get(contender).get(i));
			}
		}
		if (chosen.isEmpty()) {
			return;
		}
		List<Double> leaderless = chosen.stream().map((window) -> window.leaderlessMicros() / 1000.0).toList();
		Summary summary = Summary.of(leaderless);
		table.row(title, chosen.size(), sum(chosen, ElectionHistory.Window::revocations),
				sum(chosen, ElectionHistory.Window::moves), sum(chosen, ElectionHistory.Window::interruptedRuns),
				MarkdownTable.fixed(summary.median(), 0), MarkdownTable.fixed(summary.max(), 0),
				sum(chosen, ElectionHistory.Window::overlapMoments) + " ("
						+ millis(chosen.stream().mapToLong(ElectionHistory.Window::overlapMicros).sum()) + ")");
	}

	private static int sum(List<ElectionHistory.Window> windows, ToIntFunction<ElectionHistory.Window> figure) {
		return windows.stream().mapToInt(figure).sum();
	}

	private static String after(long micros, long from) {
		return (micros == 0) ? "–" : millis(micros - from);
	}

	private static String millis(long micros) {
		return MarkdownTable.fixed(micros / 1000.0, 0);
	}

	/**
	 * One disturbance's window of time.
	 *
	 * @param scenario what was done
	 * @param from its start, epoch microseconds
	 * @param to its end, once everything had settled again
	 */
	public record Segment(Scenario scenario, long from, long to) {

	}

	/**
	 * What an operator did.
	 */
	public enum Scenario {

		/**
		 * A follower restarted in a rolling restart.
		 */
		ROLLING_FOLLOWER("follower, rolling restart"),

		/**
		 * The ensemble's leader restarted, last in a rolling restart: the others elect a
		 * new leader.
		 */
		ROLLING_LEADER("ensemble leader, rolling restart"),

		/**
		 * One follower restarted on its own.
		 */
		SINGLE_FOLLOWER("follower alone"),

		/**
		 * The ensemble's leader restarted on its own.
		 */
		SINGLE_LEADER("ensemble leader alone"),

		/**
		 * Every election's leader cut off from every member, longer than the session.
		 */
		CUT("leader cut off");

		private final String title;

		Scenario(String title) {
			this.title = title;
		}

		public String title() {
			return this.title;
		}

		boolean isRestart() {
			return this != CUT;
		}

		boolean isRolling() {
			return this == ROLLING_FOLLOWER || this == ROLLING_LEADER;
		}

		boolean isSingle() {
			return this == SINGLE_FOLLOWER || this == SINGLE_LEADER;
		}

	}

}
