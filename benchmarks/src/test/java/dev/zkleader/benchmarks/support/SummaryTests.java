package dev.zkleader.benchmarks.support;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order statistics the tables report.
 */
class SummaryTests {

	@Test
	void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
		assertThat(Summary.median(List.of(3, 1, 2))).isEqualTo(2.0);
		assertThat(Summary.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
	}

	@Test
	void p99ByNearestRankIsTheMaximumUpToOneHundredValues() {
		List<Integer> hundred = IntStream.rangeClosed(1, 100).boxed().toList();
		assertThat(Summary.percentile(hundred, 99)).isEqualTo(99.0);
		assertThat(Summary.percentile(IntStream.rangeClosed(1, 30).boxed().toList(), 99)).isEqualTo(30.0);
		assertThat(Summary.percentile(IntStream.rangeClosed(1, 200).boxed().toList(), 99)).isEqualTo(198.0);
	}

	@Test
	void summaryReportsMinMedianP99AndMax() {
		Summary summary = Summary.of(List.of(5.0, 1.0, 9.0, 3.0));
		assertThat(summary).isEqualTo(new Summary(4, 1.0, 4.0, 9.0, 9.0));
	}

}
