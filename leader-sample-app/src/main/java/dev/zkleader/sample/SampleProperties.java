package dev.zkleader.sample;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the sample application.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * After leading this long, crash abruptly (Runtime.halt: no shutdown hooks, no
	 * graceful release), so the next leader takes over only once this instance's
	 * ZooKeeper session expires. Unset: never crash.
	 */
	private @Nullable Duration crashAfterLeading;

	/**
	 * After leading this long, shut down normally, so the next leader takes over at once.
	 * Unset: never exit.
	 */
	private @Nullable Duration exitAfterLeading;

	/**
	 * Whether to run six more jobs, each with a named election of its own (reports,
	 * billing, exports, cleanup, indexing, alerts), for the balance demo.
	 */
	private boolean namedJobs;

	public @Nullable Duration getCrashAfterLeading() {
		return this.crashAfterLeading;
	}

	public void setCrashAfterLeading(@Nullable Duration crashAfterLeading) {
		this.crashAfterLeading = crashAfterLeading;
	}

	public @Nullable Duration getExitAfterLeading() {
		return this.exitAfterLeading;
	}

	public void setExitAfterLeading(@Nullable Duration exitAfterLeading) {
		this.exitAfterLeading = exitAfterLeading;
	}

	public boolean isNamedJobs() {
		return this.namedJobs;
	}

	public void setNamedJobs(boolean namedJobs) {
		this.namedJobs = namedJobs;
	}

}
