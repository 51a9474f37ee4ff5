package dev.zkleader.election;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zkleader.election.Balancer.Spread;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancing rule: when a step is due, and from whom to whom.
 */
class BalancerSpreadTests {

	// One election per leader given, each with every instance in its queue, leader first.
	private static Spread spread(int instances, String... leaders) {
		List<String> everyone = List.of("a", "b", "c", "d").subList(0, instances);
		Map<String, List<String>> queues = new LinkedHashMap<>();
		for (int i = 0; i < leaders.length; i++) {
			String leader = leaders[i];
			List<String> queue = new ArrayList<>(List.of(leader));
			everyone.stream().filter((id) -> !id.equals(leader)).forEach(queue::add);
			queues.put("job-" + i, queue);
		}
		return Spread.of(queues);
	}

	@Test
	void allLeadershipsOnOneInstanceAreUnbalancedFromItToTheSmallestIdWithNone() {
		Spread spread = spread(3, "a", "a", "a", "a", "a", "a");
		assertThat(spread.unbalanced(0)).isTrue();
		assertThat(spread.donor()).isEqualTo("a");
		assertThat(spread.recipient()).isEqualTo("b");
		assertThat(spread.floor()).isEqualTo(2);
		assertThat(spread.ceiling()).isEqualTo(2);
	}

	@Test
	void anEvenSpreadIsBalanced() {
		assertThat(spread(3, "a", "a", "b", "b", "c", "c").unbalanced(0)).isFalse();
	}

	@Test
	void anUnevenNumberOfElectionsIsBalancedBetweenFloorAndCeiling() {
		assertThat(spread(3, "a", "a", "a", "b", "b", "c", "c").unbalanced(0)).isFalse();
	}

	@Test
	void anInstanceWithNoneBelowTheFloorIsGivenOneEvenWhenNobodyIsAboveTheCeiling() {
		// Six elections, four instances: 2-2-2-0 becomes 2-2-1-1.
		Spread spread = spread(4, "a", "a", "b", "b", "c", "c");
		assertThat(spread.ceiling()).isEqualTo(2);
		assertThat(spread.unbalanced(0)).isTrue();
		assertThat(spread.donor()).isEqualTo("a");
		assertThat(spread.recipient()).isEqualTo("d");
	}

	@Test
	void aDifferenceOfOneIsNeverAStepSoNothingPingPongs() {
		assertThat(spread(3, "a", "a", "b", "c").unbalanced(0)).isFalse();
	}

	@Test
	void toleranceAcceptsSomeLeadershipsAboveTheFairShare() {
		Spread spread = spread(3, "a", "a", "a", "b", "b", "c");
		assertThat(spread.unbalanced(0)).isTrue();
		assertThat(spread.unbalanced(1)).isFalse();
	}

}
