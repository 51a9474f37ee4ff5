package dev.zkleader.gate;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Observes {@link dev.zkleader.LeaderOnly} calls as the gate decides them: implemented by
 * {@code dev.zkleader.observation.LeaderOnlyObservations} when the application has a
 * Micrometer {@code ObservationRegistry}. The gate asks {@link #observes()} once; when it
 * answers {@code false} (no registry, or a no-op one) the gate never calls the observer
 * again, so unobserved calls cost nothing.
 */
public interface LeaderOnlyObserver {

	/**
	 * Observes nothing.
	 */
	LeaderOnlyObserver NONE = new LeaderOnlyObserver() {

		@Override
		public boolean observes() {
			return false;
		}

		@Override
		public @Nullable Object executed(String election, MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

		@Override
		public void skipped(String election, MethodInvocation invocation) {
		}

	};

	/**
	 * Whether this observer records anything.
	 * @return {@code false} to be left out of every call
	 */
	default boolean observes() {
		return true;
	}

	/**
	 * Runs a permitted call ({@code invocation.proceed()}) inside its observation.
	 * @param election the election that permitted it
	 * @param invocation the call
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	@Nullable Object executed(String election, MethodInvocation invocation) throws Throwable;

	/**
	 * Records a call that was skipped because this instance does not lead.
	 * @param election the election that refused it
	 * @param invocation the call, not proceeded
	 */
	void skipped(String election, MethodInvocation invocation);

}
