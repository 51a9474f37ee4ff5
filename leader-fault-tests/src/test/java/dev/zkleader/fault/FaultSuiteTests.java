package dev.zkleader.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short form of the fault suite, run by {@code mvn verify}: a real 3-node ZooKeeper
 * ensemble, five instances as separate JVMs and two rounds of faults, each round one of
 * every kind. The long form is {@code ./fault-suite.sh --faults 200} (docs/FAULTS.md).
 */
class FaultSuiteTests {

	private static final int FAULTS = 2 * FaultKind.values().length;

	@Test
	// Bounds a hung run only; the run takes about two minutes.
	@Timeout(value = 15, unit = TimeUnit.MINUTES)
	void leadersNeverWorkPastTheirTermAreReplacedInTimeAndRideOutWhatIsShorterThanTheLease() throws Exception {
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		// Live progress on the console as well, so that a slow CI run shows where it is.
		PrintStream out = new PrintStream(new Tee(captured, System.out), true, StandardCharsets.UTF_8);
		FaultOptions options = new FaultOptions(FAULTS, 5, Duration.ofSeconds(4), System.nanoTime(),
				Path.of(System.getProperty("fault.output.dir")),
				FaultOptions.classpath(Path.of(System.getProperty("fault.classes.dir")),
						Path.of(System.getProperty("fault.classpath.file"))));
		FaultSuite.Result result = FaultSuite.run(options, out);
		String printed = captured.toString(StandardCharsets.UTF_8);
		assertThat(result.violations()).as(printed).isEmpty();
		assertThat(result.faults()).hasSize(FAULTS).extracting(Fault::kind).contains(FaultKind.values());
		assertThat(result.report().staleWritesAccepted()).isEmpty();
		assertThat(result.report().staleStarts()).isEmpty();
		assertThat(result.report().stillLeadingAfterTerm()).isEmpty();
		assertThat(result.report().rideOutsBroken()).isEmpty();
		assertThat(result.report().maxGapMillis()).isLessThanOrEqualTo(options.gapBound().toMillis());
		assertThat(printed).containsPattern("(?m)^faults=" + FAULTS
				+ " stale_writes_accepted=0 stale_starts=0 still_leading_after_term=0 overlaps=\\d+ max_overlap_ms=\\d+"
				+ " max_gap_ms=\\d+ spurious_revocations=\\d+ interrupted_runs=\\d+ not_ridden_out=0$");
	}

	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

	}

}
