package dev.zkleader.benchmarks.gating;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: the cost of one call of a {@code @LeaderOnly} method, on the leader (the call
 * runs) and elsewhere (it is skipped), against the same method called directly and
 * through a Spring proxy that only proceeds, and with an ObservationRegistry that makes
 * each call an observation timed by Micrometer (without one the gate does no observation
 * work at all). Each fork starts its own ZooKeeper server and two application contexts;
 * the gate itself reads local state only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GatingBenchmark {

	private @Nullable GatingFixture fixture;

	private GatedWork unproxied = new GatedWork();

	private GatedWork passThrough = new GatedWork();

	private GatedWork onLeader = new GatedWork();

	private GatedWork onFollower = new GatedWork();

	private GatedWork onObservedLeader = new GatedWork();

	private GatedWork onObservedFollower = new GatedWork();

	@Setup(Level.Trial)
	public void start() throws Exception {
		GatingFixture started = GatingFixture.start();
		this.fixture = started;
		this.unproxied = started.unproxied();
		this.passThrough = started.passThrough();
		this.onLeader = started.onLeader();
		this.onFollower = started.onFollower();
		this.onObservedLeader = started.onObservedLeader();
		this.onObservedFollower = started.onObservedFollower();
	}

	@TearDown(Level.Trial)
	public void stop() throws Exception {
		GatingFixture started = this.fixture;
		if (started != null) {
			started.close();
		}
	}

	@Benchmark
	public void unproxiedCall() {
		this.unproxied.run();
	}

	@Benchmark
	public void passThroughProxy() {
		this.passThrough.run();
	}

	@Benchmark
	public void leaderOnlyOnLeader() {
		this.onLeader.run();
	}

	@Benchmark
	public void leaderOnlyOnFollower() {
		this.onFollower.run();
	}

	@Benchmark
	public void observedOnLeader() {
		this.onObservedLeader.run();
	}

	@Benchmark
	public void observedOnFollower() {
		this.onObservedFollower.run();
	}

}
