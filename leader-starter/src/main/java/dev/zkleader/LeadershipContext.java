package dev.zkleader;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What a running {@link LeaderOnly} method knows about the leadership it runs under, on
 * its own thread. Made for {@code @Scheduled} methods, which take no arguments:
 *
 * <pre class="code">
 * &#64;Scheduled(fixedRate = 60_000)
 * &#64;LeaderOnly
 * void publish() {
 *     long token = LeadershipContext.currentToken().orElseThrow();
 *     store.write(report, token);   // the store refuses tokens lower than the highest it has seen
 * }
 * </pre>
 */
public final class LeadershipContext {

	private static final ThreadLocal<@Nullable Run> current = new ThreadLocal<>();

	private LeadershipContext() {
	}

	/**
	 * The fencing token of the leadership under which the current {@link LeaderOnly} call
	 * started.
	 * @return the token, or empty outside a {@code @LeaderOnly} call
	 */
	public static OptionalLong currentToken() {
		Run run = current.get();
		return (run != null) ? OptionalLong.of(run.token) : OptionalLong.empty();
	}

	/**
	 * The election under which the current {@link LeaderOnly} call runs.
	 * @return the election name, or empty outside a {@code @LeaderOnly} call
	 */
	public static Optional<String> currentElection() {
		Run run = current.get();
		return (run != null) ? Optional.of(run.election) : Optional.empty();
	}

	/**
	 * Whether the leadership under which the current call started still stands.
	 * Long-running work should check it between steps: it turns false the moment
	 * leadership is revoked, whether or not the method noticed the interrupt. Reads local
	 * state only.
	 * @return {@code true} inside a {@code @LeaderOnly} call whose leadership still
	 * stands
	 */
	public static boolean stillLeading() {
		Run run = current.get();
		return run != null && run.stillLeading.getAsBoolean();
	}

	/**
	 * Makes the given leadership current on this thread until the returned scope is
	 * closed. Used by the {@code @LeaderOnly} gate; tests can use it to run leader-only
	 * code as if this instance led.
	 * @param election the election name
	 * @param token the fencing token
	 * @param stillLeading answers {@link #stillLeading()}
	 * @return the scope to close when the call ends
	 */
	public static Scope enter(String election, long token, BooleanSupplier stillLeading) {
		Run previous = current.get();
		current.set(new Run(election, token, stillLeading));
		return () -> {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		};
	}

	/**
	 * The extent of a leadership context on one thread.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	private record Run(String election, long token, BooleanSupplier stillLeading) {
	}

}
