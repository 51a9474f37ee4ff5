package dev.zkleader.benchmarks.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Order statistics of a sample.
 *
 * @param n the sample size
 * @param min the smallest value
 * @param median the median (mean of the two middle values for an even size)
 * @param p99 the 99th percentile, nearest rank: the value at rank ceil(0.99 n), which is
 * the maximum for n up to 100
 * @param max the largest value
 */
public record Summary(int n, double min, double median, double p99, double max) {

	public static Summary of(Collection<? extends Number> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No values");
		}
		List<Double> sorted = sorted(values);
		return new Summary(sorted.size(), sorted.get(0), median(sorted), percentile(sorted, 99),
				sorted.get(sorted.size() - 1));
	}

	/**
	 * The median of some values.
	 * @param values the values
	 * @return their median
	 */
	public static double median(Collection<? extends Number> values) {
		List<Double> sorted = sorted(values);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * A percentile by the nearest-rank method.
	 * @param values the values
	 * @param percent 0 to 100
	 * @return the value at rank ceil(percent / 100 * n)
	 */
	public static double percentile(Collection<? extends Number> values, double percent) {
		List<Double> sorted = sorted(values);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
	}

	private static List<Double> sorted(Collection<? extends Number> values) {
		List<Double> sorted = new ArrayList<>(values.size());
		for (Number value : values) {
			sorted.add(value.doubleValue());
		}
		sorted.sort(null);
		return sorted;
	}

}
