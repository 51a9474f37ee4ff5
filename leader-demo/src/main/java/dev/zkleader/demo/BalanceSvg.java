package dev.zkleader.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Draws the balance demo as a self-contained SVG picture: one row per instance, a bar for
 * each leadership in the colour of its election, and marks where instances start and
 * leave.
 */
final class BalanceSvg {

	/**
	 * Something that happened to an instance, drawn as a mark on its row.
	 *
	 * @param instance which
	 * @param time when
	 * @param label what
	 */
	record Mark(String instance, Instant time, String label) {
	}

	private static final List<String> ORDER = BalanceDemo.ELECTIONS;

	private static final List<String> COLOURS = List.of("#1f77b4", "#2e9d5b", "#e08a00", "#9467bd", "#d62728",
			"#17becf");

	private static final int WIDTH = 960;

	private static final int LEFT = 110;

	private static final int RIGHT = 30;

	private static final int TOP = 74;

	// A row holds one thin bar per election, so that overlapping lanes stay readable.
	private static final int BAR = 7;

	private static final int ROW = ORDER.size() * BAR + 14;

	private BalanceSvg() {
	}

	// From the launch of the first instance to the end of the scenario.
	static String render(String title, String subtitle, List<String> instances,
			List<BalanceTimeline.Leadership> leaderships, List<Mark> marks, Instant from, Instant to) {
		double scale = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, Duration.between(from, to).toMillis());
		int axisY = TOP + instances.size() * ROW;
		int height = axisY + 64;
		StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n"
						+ "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n",
				WIDTH, height, WIDTH, height, WIDTH, height));
		svg.append(text(LEFT, 26, title, "font-size=\"17\" font-weight=\"bold\""));
		svg.append(text(LEFT, 48, subtitle, "fill=\"#555555\""));
		for (int row = 0; row < instances.size(); row++) {
			svg.append(rect(LEFT, TOP + row * ROW, WIDTH - LEFT - RIGHT, ROW, (row % 2 == 0) ? "#f4f6f8" : "#ffffff"));
			svg.append(text(10, TOP + row * ROW + ROW / 2 + 4, instances.get(row), ""));
		}
		long seconds = Duration.between(from, to).toSeconds();
		long step = (seconds > 60) ? 10 : (seconds > 20) ? 5 : 2;
		for (long s = 0; s <= seconds; s += step) {
			double x = LEFT + s * 1000 * scale;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n", x, TOP, x, axisY));
			svg.append(text(x - 8, axisY + 16, s + " s", "fill=\"#555555\" font-size=\"11\""));
		}
		for (BalanceTimeline.Leadership leadership : leaderships) {
			int row = instances.indexOf(leadership.instance());
			int lane = ORDER.indexOf(leadership.election());
			if (row < 0 || lane < 0) {
				continue;
			}
			Instant end = leadership.end();
			if (end == null || end.isAfter(to)) {
				end = to;
			}
			double x1 = LEFT + Duration.between(from, leadership.start()).toMillis() * scale;
			double x2 = LEFT + Duration.between(from, end).toMillis() * scale;
			svg.append(rect(x1, TOP + row * ROW + 7 + lane * BAR, Math.max(2, x2 - x1), BAR - 1, COLOURS.get(lane)));
		}
		for (Mark mark : marks) {
			double x = LEFT + Duration.between(from, mark.time()).toMillis() * scale;
			int y = TOP + instances.indexOf(mark.instance()) * ROW;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333333\" stroke-width=\"2\"/>%n", x, y,
					x, y + ROW));
			svg.append(text(x + 3, y + 11, mark.label(), "fill=\"#333333\" font-size=\"10\""));
		}
		for (int lane = 0; lane < ORDER.size(); lane++) {
			int x = LEFT + lane * 120;
			svg.append(rect(x, axisY + 34, 22, 10, COLOURS.get(lane)));
			svg.append(text(x + 28, axisY + 44, ORDER.get(lane), "font-size=\"11\""));
		}
		return svg.append("</svg>\n").toString();
	}

	private static String rect(double x, int y, double width, int height, String fill) {
		return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x,
				y, width, height, fill);
	}

	private static String text(double x, int y, String content, String attributes) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" %s>%s</text>%n", x, y, attributes,
				content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
	}

}
