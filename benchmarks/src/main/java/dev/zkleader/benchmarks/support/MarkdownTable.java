package dev.zkleader.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table whose columns are padded, so that it reads as well in a terminal as
 * rendered.
 */
public final class MarkdownTable {

	private final List<String> header;

	private final List<Boolean> numeric;

	private final List<List<String>> rows = new ArrayList<>();

	/**
	 * Creates a table; a column whose name starts with {@code >} is right-aligned (the
	 * {@code >} is not shown).
	 * @param columns the column names
	 */
	public MarkdownTable(String... columns) {
		this.header = new ArrayList<>();
		this.numeric = new ArrayList<>();
		for (String column : columns) {
			boolean right = column.startsWith(">");
			this.header.add(right ? column.substring(1) : column);
			this.numeric.add(right);
		}
	}

	public MarkdownTable row(Object... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException("Expected " + this.header.size() + " cells, got " + cells.length);
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(String.valueOf(cell));
		}
		this.rows.add(row);
		return this;
	}

	@Override
	public String toString() {
		int[] widths = new int[this.header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = Math.max(3, this.header.get(i).length());
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder out = new StringBuilder();
		line(out, this.header, widths);
		out.append('|');
		for (int i = 0; i < widths.length; i++) {
			out.append(' ')
				.append("-".repeat(widths[i] - (this.numeric.get(i) ? 1 : 0)))
				.append(this.numeric.get(i) ? ":" : "")
				.append(" |");
		}
		out.append('\n');
		for (List<String> row : this.rows) {
			line(out, row, widths);
		}
		return out.toString();
	}

	private void line(StringBuilder out, List<String> cells, int[] widths) {
		out.append('|');
		for (int i = 0; i < widths.length; i++) {
			String cell = cells.get(i);
			String padding = " ".repeat(widths[i] - cell.length());
			out.append(' ').append(this.numeric.get(i) ? padding + cell : cell + padding).append(" |");
		}
		out.append('\n');
	}

	/**
	 * Formats a number with a fixed count of decimals, independent of the locale.
	 * @param value the number
	 * @param decimals digits after the point
	 * @return the text
	 */
	public static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
