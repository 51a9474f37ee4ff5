package dev.zkleader.benchmarks.gating;

import dev.zkleader.LeaderOnly;

/**
 * The gated work: as small as a method can be, so that the gate's own cost shows.
 */
public class GatedWork {

	private long runs;

	@LeaderOnly
	public void run() {
		this.runs++;
	}

	public long runs() {
		return this.runs;
	}

}
