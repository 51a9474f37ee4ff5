package dev.zkleader.demo;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the sample's leadership lines of named elections, and what the demo concludes
 * from them.
 */
class BalanceTimelineTests {

	private final BalanceTimeline timeline = new BalanceTimeline();

	@Test
	void readsNamedElectionLinesAndIgnoresTheDefaultElections() {
		assertThat(BalanceTimeline
			.parse("... : a is now the leader of election 'reports' (granted at " + "2026-12-02T03:00:00.100Z)"))
			.hasValueSatisfying((change) -> {
				assertThat(change.instance()).isEqualTo("a");
				assertThat(change.election()).isEqualTo("reports");
				assertThat(change.granted()).isTrue();
			});
		assertThat(BalanceTimeline
			.parse("... : a is no longer the leader of election 'reports' (YIELDED at 2026-12-02T03:00:01Z)"))
			.hasValueSatisfying((change) -> assertThat(change.reason()).isEqualTo("YIELDED"));
		assertThat(BalanceTimeline.parse("... : a is now the leader (granted at 2026-12-02T03:00:00Z)")).isEmpty();
	}

	@Test
	void aYieldHandsOverWithAGapAndTwoLeadersOfOneElectionAreAnOverlap() {
		line("a is now the leader of election 'reports' (granted at 2026-12-02T03:00:00Z)");
		line("a is no longer the leader of election 'reports' (YIELDED at 2026-12-02T03:00:05Z)");
		line("b is now the leader of election 'reports' (granted at 2026-12-02T03:00:05.030Z)");
		assertThat(this.timeline.handoverGapsMillis("YIELDED")).containsExactly(30L);
		assertThat(this.timeline.overlaps()).isEmpty();
		line("c is now the leader of election 'reports' (granted at 2026-12-02T03:00:06Z)");
		assertThat(this.timeline.overlaps()).singleElement().asString().contains("c led 'reports'");
	}

	@Test
	void balancedWhenEveryElectionHasALeaderAndCountsDifferByOneAtMost() {
		List<String> elections = List.of("reports", "billing", "exports");
		line("a is now the leader of election 'reports' (granted at 2026-12-02T03:00:00Z)");
		line("a is now the leader of election 'billing' (granted at 2026-12-02T03:00:00Z)");
		assertThat(this.timeline.balanced(List.of("a", "b"), elections)).isFalse();
		line("a is now the leader of election 'exports' (granted at 2026-12-02T03:00:00Z)");
		assertThat(this.timeline.balanced(List.of("a", "b"), elections)).isFalse();
		line("a is no longer the leader of election 'exports' (YIELDED at 2026-12-02T03:00:02Z)");
		line("b is now the leader of election 'exports' (granted at 2026-12-02T03:00:02.010Z)");
		assertThat(this.timeline.balanced(List.of("a", "b"), elections)).isTrue();
		// An instance that left no longer counts: its elections need new leaders.
		assertThat(this.timeline.balanced(List.of("b", "c"), elections)).isFalse();
	}

	private void line(String text) {
		this.timeline.add(BalanceTimeline.parse("... : " + text).orElseThrow());
	}

}
