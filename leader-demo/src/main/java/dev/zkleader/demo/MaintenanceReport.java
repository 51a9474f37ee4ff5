package dev.zkleader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The maintenance demo's summary and picture: how often leadership was revoked while the
 * ZooKeeper servers restarted, and the longest pause of the leader's job.
 */
final class MaintenanceReport {

	private final MaintenanceOptions options;

	private final Timeline timeline;

	private final List<TimelineSvg.Band> restarts;

	private final PrintStream out;

	MaintenanceReport(MaintenanceOptions options, Timeline timeline, List<TimelineSvg.Band> restarts, PrintStream out) {
		this.options = options;
		this.timeline = timeline;
		this.restarts = restarts;
		this.out = out;
	}

	/**
	 * Prints the summary and draws the picture.
	 * @param failure why the scenario did not complete, or {@code null}
	 * @param stopping when the demo began to shut the instances down: what ends after
	 * that is not the restarts' doing
	 * @return the outcome
	 * @throws IOException if the picture cannot be written
	 */
	Result summarize(String failure, Instant stopping) throws IOException {
		// The demo's own shutdown (SIGTERM) ends the last leadership; it is drawn as a
		// normal end, not as the end of the process.
		List<Timeline.Leadership> leaderships = this.timeline.leaderships()
			.stream()
			.map((leadership) -> (leadership.ended() && leadership.end().isBefore(stopping)) ? leadership
					: new Timeline.Leadership(leadership.instance(), leadership.start(), stopping,
							Timeline.Kind.EXITED))
			.toList();
		List<Timeline.Event> revocations = this.timeline.events()
			.stream()
			.filter((event) -> event.kind() == Timeline.Kind.REVOKED && event.time().isBefore(stopping))
			.toList();
		List<Timeline.Event> runs = this.timeline.jobRuns()
			.stream()
			.filter((run) -> run.time().isBefore(stopping))
			.toList();
		Duration pause = this.timeline.longestJobPause();
		List<String> tokens = runs.stream().map(Timeline.Event::detail).distinct().toList();
		List<String> overlaps = this.timeline.overlaps();
		this.out.println();
		this.out.println("Summary (leader.connection-loss=" + this.options.connectionLoss() + ")");
		this.out.println("  ZooKeeper servers restarted one at a time, followers first: " + this.restarts.size()
				+ " of 3" + (this.restarts.isEmpty() ? "" : ", in " + seconds(Duration
					.between(this.restarts.get(0).start(), this.restarts.get(this.restarts.size() - 1).end()))));
		this.out.println("  Leaders in order: " + (leaderships.isEmpty() ? "none"
				: leaderships.stream().map(Timeline.Leadership::instance).collect(Collectors.joining(" -> "))));
		this.out.println("  Revocations during the restarts: " + revocations.size()
				+ (revocations.isEmpty() ? ""
						: " (" + revocations.stream()
							.map((event) -> event.instance() + " " + event.detail())
							.collect(Collectors.joining(", ")) + ")"));
		this.out.println("  Longest pause of the leader's job: " + pause.toMillis() + " ms (it runs every 1000 ms; "
				+ runs.size() + " runs, fencing token"
				+ ((tokens.size() == 1) ? " " + tokens.get(0) + " throughout" : "s " + String.join(", ", tokens))
				+ ")");
		this.out.println("  Moments with two leaders: " + (overlaps.isEmpty() ? "none" : String.join("; ", overlaps)));
		Path picture = null;
		if (!leaderships.isEmpty()) {
			picture = this.options.outputDir().resolve("timeline.svg");
			Files.writeString(picture, picture(leaderships, runs, revocations.size(), pause));
			this.out.println("  Timeline picture: " + picture);
		}
		Result result = new Result(leaderships, revocations.size(), pause, this.restarts.size(), overlaps, failure,
				picture);
		this.out
			.println(!result.succeeded() ? "Demo FAILED: " + ((failure != null) ? failure : String.join("; ", overlaps))
					: (revocations.isEmpty())
							? "Demo completed: one leader throughout the rolling restart, never two at once."
							: "Demo completed: leadership was revoked " + revocations.size()
									+ ((revocations.size() == 1) ? " time" : " times")
									+ " by the rolling restart, never two leaders at once.");
		return result;
	}

	private String picture(List<Timeline.Leadership> leaderships, List<Timeline.Event> runs, int revocations,
			Duration pause) {
		List<String> names = IntStream.rangeClosed(1, this.options.instances())
			.mapToObj((i) -> "instance-" + i)
			.toList();
		String title = "Rolling restart of a 3-server ZooKeeper ensemble, leader.connection-loss="
				+ this.options.connectionLoss();
		String subtitle = this.options.instances() + " instances, session timeout "
				+ this.options.sessionTimeout().toMillis() + " ms  |  revocations: " + revocations
				+ "  |  longest pause of the leader's job (runs every 1 s): " + pause.toMillis() + " ms";
		return TimelineSvg.render(title, subtitle, names, leaderships, this.restarts, runs);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * The outcome of a run.
	 *
	 * @param leaderships every leadership, in order
	 * @param revocations how often leadership was revoked before the demo shut down
	 * @param longestJobPause the longest time between two runs of the leader's job
	 * @param restarts how many ZooKeeper servers were restarted
	 * @param overlaps moments with two leaders (must be empty)
	 * @param failure why the scenario did not complete, or {@code null}
	 * @param picture the timeline picture, or {@code null} when nobody led
	 */
	record Result(List<Timeline.Leadership> leaderships, int revocations, Duration longestJobPause, int restarts,
			List<String> overlaps, String failure, Path picture) {

		boolean succeeded() {
			return this.failure == null && this.overlaps.isEmpty() && this.restarts == 3;
		}

	}

}
