package dev.zkleader.observation;

import java.lang.reflect.Method;

import dev.zkleader.gate.LeaderOnlyObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Makes every {@link dev.zkleader.LeaderOnly} call a {@code leader.only.execution}
 * observation: an executed call is observed around its run, with the observation in scope
 * (so that the work's own observations and spans are its children); a skipped call is an
 * observation started and stopped at once, without opening a scope, which keeps skips
 * cheap.
 */
public final class LeaderOnlyObservations implements LeaderOnlyObserver {

	private static final LeaderOnlyObservationConvention DEFAULT_CONVENTION = new DefaultLeaderOnlyObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable LeaderOnlyObservationConvention convention;

	/**
	 * Creates the observer.
	 * @param registry where the observations go
	 * @param convention replaces {@link DefaultLeaderOnlyObservationConvention}, or
	 * {@code null} to use it
	 */
	public LeaderOnlyObservations(ObservationRegistry registry, @Nullable LeaderOnlyObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	// A registry without handlers would record nothing: leave the gate alone then.
	@Override
	public boolean observes() {
		return !this.registry.isNoop();
	}

	// Micrometer passes the method's result through as it is; a void or skipped-style
	// method returns null, which its non-null generic signature does not say.
	@Override
	@SuppressWarnings("NullAway")
	public @Nullable Object executed(String election, MethodInvocation invocation) throws Throwable {
		return observation(election, invocation, false).observeChecked(invocation::proceed);
	}

	@Override
	public void skipped(String election, MethodInvocation invocation) {
		observation(election, invocation, true).start().stop();
	}

	private Observation observation(String election, MethodInvocation invocation, boolean skipped) {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		return LeaderOnlyObservationDocumentation.LEADER_ONLY_EXECUTION.observation(this.convention, DEFAULT_CONVENTION,
				() -> new LeaderOnlyObservationContext(election, targetClass, method, skipped), this.registry);
	}

}
