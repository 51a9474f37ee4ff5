package dev.zkleader.demo;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

	private static final String PREFIX = "2026-11-25T02:06:01.123Z  INFO 4242 --- [leader-sample] [main] d.z.s.X : ";

	@Test
	void readsTheSampleApplicationsLeadershipLines() {
		assertThat(Timeline.parse(PREFIX + "instance-3 is now the leader (granted at 2026-11-25T02:06:01.100Z)"))
			.hasValueSatisfying((event) -> {
				assertThat(event.instance()).isEqualTo("instance-3");
				assertThat(event.kind()).isEqualTo(Timeline.Kind.GRANTED);
				assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T02:06:01.100Z"));
			});
		assertThat(Timeline.parse(PREFIX + "instance-3 is no longer the leader (SHUTDOWN at 2026-11-25T02:06:04Z)"))
			.hasValueSatisfying((event) -> assertThat(event.detail()).isEqualTo("SHUTDOWN"));
		assertThat(Timeline.parse(PREFIX + "instance-3 crashing now after leading for 3001 ms "
				+ "(sample.crash-after-leading=PT3S): halting without shutdown hooks at 2026-11-25T02:06:04.101Z"))
			.hasValueSatisfying((event) -> assertThat(event.kind()).isEqualTo(Timeline.Kind.CRASHED));
		assertThat(Timeline.parse(PREFIX + "Leader job run #3 on instance-3 (fencing token 42), leading for 2001 ms"))
			.hasValueSatisfying((event) -> {
				assertThat(event.kind()).isEqualTo(Timeline.Kind.JOB_RUN);
				assertThat(event.instance()).isEqualTo("instance-3");
				assertThat(event.detail()).isEqualTo("42");
				assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T02:06:01.123Z"));
			});
		assertThat(Timeline.parse(PREFIX + "Leader job run on instance-3, leading for 2001 ms")).isEmpty();
	}

	@Test
	void measuresGapsAndFindsOverlaps() {
		Timeline timeline = new Timeline();
		timeline.add(event("a", Timeline.Kind.GRANTED, 0));
		timeline.add(event("a", Timeline.Kind.CRASHED, 3000));
		timeline.add(event("b", Timeline.Kind.GRANTED, 4800));
		timeline.add(event("b", Timeline.Kind.REVOKED, 7000));
		timeline.add(event("c", Timeline.Kind.GRANTED, 6900));
		assertThat(timeline.leaderships()).extracting(Timeline.Leadership::instance).containsExactly("a", "b", "c");
		assertThat(timeline.failoverGapsMillis()).containsExactly(1800L, -100L);
		assertThat(timeline.overlaps()).hasSize(1).first().asString().startsWith("c became leader");
		assertThat(FailoverDemo.describe(List.of(1800L, 1700L, 2100L)))
			.isEqualTo("min 1700 ms, median 1800 ms, max 2100 ms (n=3)");
	}

	@Test
	void measuresTheLongestPauseOfTheJobWhoeverRanIt() {
		Timeline timeline = new Timeline();
		timeline.add(new Timeline.Event("a", Timeline.Kind.JOB_RUN, Instant.EPOCH, "1"));
		timeline.add(new Timeline.Event("b", Timeline.Kind.JOB_RUN, Instant.EPOCH.plusMillis(3500), "2"));
		timeline.add(new Timeline.Event("a", Timeline.Kind.JOB_RUN, Instant.EPOCH.plusMillis(1000), "1"));
		assertThat(timeline.longestJobPause()).isEqualTo(java.time.Duration.ofMillis(2500));
	}

	private static Timeline.Event event(String instance, Timeline.Kind kind, long millis) {
		return new Timeline.Event(instance, kind, Instant.EPOCH.plusMillis(millis), "");
	}

}
