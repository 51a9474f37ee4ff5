package dev.zkleader.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The figures by fault kind, as a Markdown table (docs/FAULTS.md quotes it): how many
 * faults, the leaderless time and the gap to the next leadership's first run (median /
 * max), revocations, those of a leader whose session survived, interrupted runs, and the
 * faults whose outage was longer than the lease.
 */
final class FaultTable {

	static final String HEADER = "| fault | n | leaderless ms (median / max) | gap ms (median / max) | revocations "
			+ "| of a surviving session | interrupted runs | outage over the lease |";

	private FaultTable() {
	}

	static List<String> lines(HistoryCheck.Report report) {
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		lines.add("|---|--:|--:|--:|--:|--:|--:|--:|");
		for (FaultKind kind : FaultKind.values()) {
			List<FaultFigures> figures = report.figures().stream().filter((f) -> f.fault().kind() == kind).toList();
			if (figures.isEmpty()) {
				continue;
			}
			lines.add(String.format(Locale.ROOT, "| `%s` | %d | %s | %s | %d | %d | %d | %d |", kind, figures.size(),
					medianMax(figures, FaultFigures::leaderlessMillis),
					medianMax(figures, (f) -> gapAfter(f.fault(), report)),
					figures.stream().mapToInt(FaultFigures::revocations).sum(),
					figures.stream().mapToInt(FaultFigures::spurious).sum(),
					figures.stream().mapToInt(FaultFigures::interrupted).sum(),
					figures.stream().filter(FaultFigures::overLease).count()));
		}
		return lines;
	}

	// The longest gap that followed one fault, -1 if none was attributed to it.
	static long gapAfter(Fault fault, HistoryCheck.Report report) {
		return report.gaps()
			.stream()
			.filter((gap) -> gap.fault() == fault.number())
			.mapToLong(HistoryCheck.Gap::millis)
			.max()
			.orElse(-1);
	}

	private static String medianMax(List<FaultFigures> figures, ToLongFunction<FaultFigures> value) {
		List<Long> sorted = figures.stream().map(value::applyAsLong).filter((v) -> v >= 0).sorted().toList();
		if (sorted.isEmpty()) {
			return "-";
		}
		return sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1);
	}

}
