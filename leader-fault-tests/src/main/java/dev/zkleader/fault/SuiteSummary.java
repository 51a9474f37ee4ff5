package dev.zkleader.fault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the suite prints after a run: the checks in words, the table by fault kind, the
 * ERROR lines of the instances' logs, and the one summary line in {@code key=value} form.
 */
final class SuiteSummary {

	private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR\\s.*");

	private SuiteSummary() {
	}

	static List<String> errorLines(Path logs) throws IOException {
		List<String> lines = new ArrayList<>();
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.sorted().toList()) {
				try (Stream<String> content = Files.lines(file)) {
					content.filter((line) -> ERROR_LINE.matcher(line).matches())
						.forEach((line) -> lines.add(file.getFileName() + ": " + line));
				}
			}
		}
		return lines;
	}

	/**
	 * Prints the checks.
	 * @param out where to
	 * @param options what ran
	 * @param report the checks
	 * @param faults how many faults were injected
	 * @param errorLines the ERROR lines of the instances' logs
	 * @return the summary line (not printed yet)
	 */
	static String print(PrintStream out, FaultOptions options, HistoryCheck.Report report, int faults,
			List<String> errorLines) {
		long bound = options.gapBound().toMillis();
		out.println();
		out.println("Checks (history: " + options.outputDir().resolve("history.tsv") + ")");
		out.printf(Locale.ROOT, "  writes: %d attempted, %d accepted, %d refused by the fence; %d terms%n",
				report.writes(), report.accepted(), report.writes() - report.accepted(), report.terms());
		out.printf(Locale.ROOT, "  stale writes accepted (arrived after their term ended, by the grants): %d%n",
				report.staleWritesAccepted().size());
		out.printf(Locale.ROOT,
				"  runs of a deposed leader still executing after a newer leader's run began (fence ignored): %d, "
						+ "longest %d ms%n",
				report.overlaps(), report.maxOverlapMillis());
		if (report.overlaps() > 0) {
			out.println("    longest: " + report.worstOverlap());
		}
		out.printf(Locale.ROOT,
				"  stale starts (a run starting after another participant's grant of a higher token): %d%n",
				report.staleStarts().size());
		out.printf(Locale.ROOT, "  writes with stillLeading() true after their term ended: %d%n",
				report.stillLeadingAfterTerm().size());
		out.printf(Locale.ROOT, "  leaderless gaps: %d measured, max %d ms (bound %d ms)%n", report.gaps().size(),
				report.maxGapMillis(), bound);
		out.printf(Locale.ROOT,
				"  by fault kind (an outage over the lease: the leader's connection down %d ms or more):%n",
				options.rideOutBound().toMillis());
		FaultTable.lines(report).forEach((line) -> out.println("    " + line));
		out.printf(Locale.ROOT, "  faults the lease had to ride out but did not: %d%n", report.rideOutsBroken().size());
		out.printf(Locale.ROOT, "  ERROR lines in the instances' logs: %d%s%n", errorLines.size(),
				errorLines.stream().anyMatch((line) -> line.contains("dev.zkleader")) ? " (some from the starter)"
						: "");
		errorLines.stream().limit(10).forEach((line) -> out.println("    " + line));
		return String.format(Locale.ROOT,
				"faults=%d stale_writes_accepted=%d stale_starts=%d still_leading_after_term=%d overlaps=%d "
						+ "max_overlap_ms=%d max_gap_ms=%d spurious_revocations=%d interrupted_runs=%d "
						+ "not_ridden_out=%d",
				faults, report.staleWritesAccepted().size(), report.staleStarts().size(),
				report.stillLeadingAfterTerm().size(), report.overlaps(), report.maxOverlapMillis(),
				report.maxGapMillis(), report.spuriousRevocations(), report.interruptedRuns(),
				report.rideOutsBroken().size());
	}

}
