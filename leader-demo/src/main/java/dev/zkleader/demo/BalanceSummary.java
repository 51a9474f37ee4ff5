package dev.zkleader.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * Prints what the balance demo saw and draws it.
 */
final class BalanceSummary {

	private final BalanceOptions options;

	private final PrintStream out;

	BalanceSummary(BalanceOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	BalanceResult summarize(BalanceTimeline timeline, List<BalancePhase> phases, List<BalanceSvg.Mark> marks,
			@Nullable String failure, Instant started, @Nullable Instant ended) throws IOException {
		List<BalanceTimeline.Leadership> leaderships = timeline.leaderships();
		List<Long> yields = timeline.handoverGapsMillis("YIELDED");
		List<Long> shutdowns = timeline.handoverGapsMillis("SHUTDOWN");
		List<String> overlaps = timeline.overlaps();
		this.out.println();
		this.out.println("Summary");
		phases.forEach((phase) -> this.out.println("  Balanced " + phase.describe()));
		this.out.println("  Balancing yields, gap to the next leader: " + FailoverDemo.describe(yields));
		this.out.println("  Handovers at shutdown, gap to the next leader: " + FailoverDemo.describe(shutdowns));
		this.out.println("  Moments with two leaders of one election: "
				+ (overlaps.isEmpty() ? "none" : String.join("; ", overlaps)));
		Path picture = null;
		if (!leaderships.isEmpty()) {
			picture = this.options.outputDir().resolve("balance-timeline.svg");
			List<String> instances = IntStream.rangeClosed(1, this.options.instances() + 1)
				.mapToObj((i) -> "instance-" + i)
				.toList();
			String title = "Balance demo: " + BalanceDemo.ELECTIONS.size() + " named elections, "
					+ this.options.instances() + " instances, then one joins and one leaves";
			String subtitle = "leader.balance.enabled=true  |  " + yields.size() + " balancing yields, handover "
					+ (yields.isEmpty() ? "none" : "median " + FailoverDemo.median(yields) + " ms")
					+ "  |  two leaders of one election: "
					+ (overlaps.isEmpty() ? "never" : overlaps.size() + " times");
			Files.writeString(picture, BalanceSvg.render(title, subtitle, instances, leaderships, marks, started,
					(ended != null) ? ended : Instant.now()));
			this.out.println("  Timeline picture: " + picture);
		}
		BalanceResult result = new BalanceResult(phases, leaderships, yields, shutdowns, overlaps, failure, picture);
		this.out.println(result.succeeded()
				? "Demo completed: the leaderships spread, followed every join and leave, never two leaders at once."
				: "Demo FAILED: " + ((failure != null) ? failure : String.join("; ", overlaps)));
		return result;
	}

}
