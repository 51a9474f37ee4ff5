package dev.zkleader.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Draws the timeline as a self-contained SVG picture: one lane per instance, a bar for
 * each leadership, a mark where it ended, the failover gap before each new leader, and
 * shaded bands for what happened to ZooKeeper meanwhile.
 */
final class TimelineSvg {

	private static final int WIDTH = 960;

	private static final int LEFT = 120;

	private static final int RIGHT = 30;

	private static final int TOP = 74;

	private static final int LANE = 36;

	private TimelineSvg() {
	}

	/**
	 * A span of time drawn across every lane, such as the restart of a ZooKeeper server.
	 *
	 * @param label what happened
	 * @param start when it began
	 * @param end when it was over
	 */
	record Band(String label, Instant start, Instant end) {
	}

	static String render(String title, String subtitle, List<String> instances, List<Timeline.Leadership> leaderships) {
		return render(title, subtitle, instances, leaderships, List.of(), List.of());
	}

	static String render(String title, String subtitle, List<String> instances, List<Timeline.Leadership> leaderships,
			List<Band> bands, List<Timeline.Event> jobRuns) {
		Instant from = Stream
			.concat(leaderships.stream().map(Timeline.Leadership::start), bands.stream().map(Band::start))
			.min(Instant::compareTo)
			.orElseThrow();
		Instant to = Stream
			.concat(leaderships.stream()
				.map((leadership) -> leadership.ended() ? leadership.end() : leadership.start()),
					bands.stream().map(Band::end))
			.max(Instant::compareTo)
			.orElseThrow();
		from = from.minusMillis(500);
		to = to.plusMillis(500);
		double span = Math.max(1, Duration.between(from, to).toMillis());
		double scale = (WIDTH - LEFT - RIGHT) / span;
		int height = TOP + instances.size() * LANE + 46;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
		svg.append(text(LEFT, 26, escape(title), "font-size=\"17\" font-weight=\"bold\""));
		svg.append(text(LEFT, 48, escape(subtitle), "fill=\"#555555\""));
		for (int lane = 0; lane < instances.size(); lane++) {
			int y = TOP + lane * LANE;
			svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
					LEFT, y, WIDTH - LEFT - RIGHT, LANE, (lane % 2 == 0) ? "#f4f6f8" : "#ffffff"));
			svg.append(text(10, y + 23, escape(instances.get(lane)), ""));
		}
		int axisY = TOP + instances.size() * LANE;
		long seconds = (long) Math.ceil(span / 1000);
		long step = (seconds > 60) ? 10 : (seconds > 20) ? 5 : (seconds > 8) ? 2 : 1;
		for (long s = 0; s <= seconds; s += step) {
			double x = LEFT + s * 1000 * scale;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n", x, TOP, x, axisY));
			svg.append(text(x - 8, axisY + 18, s + " s", "fill=\"#555555\" font-size=\"11\""));
		}
		for (Band band : bands) {
			double x1 = LEFT + Duration.between(from, band.start()).toMillis() * scale;
			double x2 = LEFT + Duration.between(from, band.end()).toMillis() * scale;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f2c14e\" "
							+ "fill-opacity=\"0.35\"/>%n",
					x1, TOP, Math.max(2, x2 - x1), axisY - TOP));
			svg.append(text(x1, TOP - 5, escape(band.label()), "fill=\"#8a6200\" font-size=\"10\""));
		}
		Timeline.Leadership previous = null;
		for (Timeline.Leadership leadership : leaderships) {
			int y = TOP + instances.indexOf(leadership.instance()) * LANE;
			double x1 = LEFT + Duration.between(from, leadership.start()).toMillis() * scale;
			double x2 = leadership.ended() ? LEFT + Duration.between(from, leadership.end()).toMillis() * scale : x1;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"#2e9d5b\"/>%n", x1, y + 8,
					Math.max(2, x2 - x1), LANE - 16));
			if (leadership.ended()) {
				String label = String.format(Locale.ROOT, "led %.1f s", leadership.length().toMillis() / 1000.0);
				svg.append(text(x1 + 6, y + 23, label, "fill=\"#ffffff\" font-size=\"11\""));
				svg.append(endMark(leadership.ending(), x2, y + LANE / 2));
			}
			if (previous != null && previous.ended()) {
				long gap = Duration.between(previous.end(), leadership.start()).toMillis();
				double px = LEFT + Duration.between(from, previous.end()).toMillis() * scale;
				int py = TOP + instances.indexOf(previous.instance()) * LANE + LANE / 2;
				svg.append(String.format(Locale.ROOT,
						"<path d=\"M%.1f %d L%.1f %d\" stroke=\"#e08a00\" stroke-width=\"1.5\" "
								+ "stroke-dasharray=\"4 3\" fill=\"none\"/>%n",
						px, py, x1, y + LANE / 2));
				String label = (bands.isEmpty() ? "failover " : "no leader ") + gap + " ms";
				svg.append(text(x1 + 4, y + 6, label, "fill=\"#b36b00\" font-size=\"10\""));
			}
			previous = leadership;
		}
		// Each run of the job as a tick on its instance's bar: a pause shows as a gap.
		for (Timeline.Event run : jobRuns) {
			double x = LEFT + Duration.between(from, run.time()).toMillis() * scale;
			int y = TOP + instances.indexOf(run.instance()) * LANE;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#0b4d26\" stroke-width=\"1.5\"/>%n", x,
					y + 8, x, y + 12));
		}
		svg.append(bands.isEmpty() ? legend(axisY + 38) : bandLegend(axisY + 38));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static String endMark(Timeline.Kind ending, double x, int y) {
		if (ending == Timeline.Kind.CRASHED || ending == Timeline.Kind.PROCESS_ENDED) {
			return String.format(Locale.ROOT,
					"<path d=\"M%.1f %d L%.1f %d M%.1f %d L%.1f %d\" stroke=\"#d62728\" stroke-width=\"3\"/>%n", x - 6,
					y - 6, x + 6, y + 6, x - 6, y + 6, x + 6, y - 6);
		}
		return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"4\" height=\"16\" fill=\"#333333\"/>%n",
				x - 2, y - 8);
	}

	private static String legend(int y) {
		return "<rect x=\"" + LEFT + "\" y=\"" + (y - 10) + "\" width=\"22\" height=\"10\" fill=\"#2e9d5b\"/>"
				+ text(LEFT + 28, y, "leads", "font-size=\"11\"")
				+ String.format(Locale.ROOT,
						"<path d=\"M%d %d L%d %d M%d %d L%d %d\" stroke=\"#d62728\" stroke-width=\"3\"/>", LEFT + 90,
						y - 10, LEFT + 100, y, LEFT + 90, y, LEFT + 100, y - 10)
				+ text(LEFT + 106, y, "crash (halt)", "font-size=\"11\"") + "<rect x=\"" + (LEFT + 190) + "\" y=\""
				+ (y - 11) + "\" width=\"4\" height=\"12\" fill=\"#333333\"/>"
				+ text(LEFT + 200, y, "graceful shutdown", "font-size=\"11\"") + "<path d=\"M" + (LEFT + 320) + " "
				+ (y - 4) + " L" + (LEFT + 342) + " " + (y - 4)
				+ "\" stroke=\"#e08a00\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
				+ text(LEFT + 348, y, "failover gap (no leader)", "font-size=\"11\"") + "\n";
	}

	private static String bandLegend(int y) {
		return "<rect x=\"" + LEFT + "\" y=\"" + (y - 10) + "\" width=\"22\" height=\"10\" fill=\"#2e9d5b\"/>"
				+ text(LEFT + 28, y, "leads", "font-size=\"11\"") + "<rect x=\"" + (LEFT + 80) + "\" y=\"" + (y - 11)
				+ "\" width=\"4\" height=\"12\" fill=\"#333333\"/>"
				+ text(LEFT + 90, y, "leadership revoked or shut down", "font-size=\"11\"") + "<rect x=\""
				+ (LEFT + 280) + "\" y=\"" + (y - 10) + "\" width=\"22\" height=\"10\" fill=\"#f2c14e\" "
				+ "fill-opacity=\"0.35\"/>"
				+ text(LEFT + 308, y, "a ZooKeeper server restarts (stop, start, serving again)", "font-size=\"11\"")
				+ "<line x1=\"" + (LEFT + 640) + "\" y1=\"" + (y - 10) + "\" x2=\"" + (LEFT + 640) + "\" y2=\"" + y
				+ "\" stroke=\"#0b4d26\" stroke-width=\"1.5\"/>"
				+ text(LEFT + 648, y, "a run of the leader's job", "font-size=\"11\"") + "\n";
	}

	private static String text(double x, int y, String content, String attributes) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" %s>%s</text>%n", x, y, attributes, content);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
