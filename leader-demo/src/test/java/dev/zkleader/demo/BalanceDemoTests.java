package dev.zkleader.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance demo, short: a real ZooKeeper server process and sample instances as
 * separate JVMs, two at first, a third joining, the first leaving.
 */
class BalanceDemoTests {

	@Test
	void leadershipsSpreadFollowAJoinAndALeaveAndNeverOverlap(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		String classpath = Files.readString(Path.of(System.getProperty("demo.classpath.file"))).strip();
		BalanceOptions options = new BalanceOptions(2, Duration.ofMillis(500), Duration.ofSeconds(1), false, dir,
				classpath);
		BalanceResult result = BalanceDemo.run(options, new PrintStream(output, true));
		String printed = output.toString(StandardCharsets.UTF_8);
		assertThat(result.failure()).as(printed).isNull();
		assertThat(result.overlaps()).as(printed).isEmpty();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.phases()).extracting(BalancePhase::spread)
			.extracting(BalanceDemoTests::counts)
			.containsExactly(List.of(3, 3), List.of(2, 2, 2), List.of(3, 3));
		// The first instance to join led all six elections; the spread took yields, and
		// each yield handed over at once (a crash would wait for the 2 s session).
		assertThat(result.yieldGapsMillis()).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((gap) -> assertThat(gap).isNotNegative().isLessThan(1000));
		assertThat(result.shutdownGapsMillis()).isNotEmpty();
		assertThat(result.overlaps()).isEmpty();
		assertThat(printed).contains(" (YIELDED)", "Moments with two leaders of one election: none");
		String svg = Files.readString(result.picture());
		assertThat(svg).startsWith("<svg").contains("instance-1", "instance-3", "billing", "joins", "leaves");
		assertThat(dir.resolve("logs")).doesNotExist();
		assertThat(dir.resolve("demo.pids")).doesNotExist();
	}

	private static List<Integer> counts(Map<String, List<String>> spread) {
		return spread.values().stream().map(List::size).toList();
	}

}
