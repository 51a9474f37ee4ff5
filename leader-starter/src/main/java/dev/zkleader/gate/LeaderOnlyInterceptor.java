package dev.zkleader.gate;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import dev.zkleader.LeadershipContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.function.SingletonSupplier;

/**
 * Runs a {@link LeaderOnly} method when its election permits it, with the leadership's
 * token in {@link LeadershipContext}, and skips it otherwise; tells the
 * {@link LeaderOnlyObserver}, if one observes, about either.
 */
final class LeaderOnlyInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(LeaderOnlyInterceptor.class);

	private final Supplier<LeaderWorkPermits> permits;

	private final Supplier<LeaderOnlyObserver> observer;

	// By method and target class: behind an interface-based proxy two beans share the
	// interface's Method, yet each implementation may name its own election.
	private final Map<MethodClassKey, String> elections = new ConcurrentHashMap<>();

	LeaderOnlyInterceptor(Supplier<LeaderWorkPermits> permits, Supplier<LeaderOnlyObserver> observer) {
		this.permits = SingletonSupplier.of(permits);
		// Asked once: an observer that does not observe is replaced by NONE, which the
		// calls below test for with a reference comparison only.
		this.observer = SingletonSupplier.of(() -> {
			LeaderOnlyObserver resolved = observer.get();
			return resolved.observes() ? resolved : LeaderOnlyObserver.NONE;
		});
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		MethodClassKey key = new MethodClassKey(method, (target != null) ? AopUtils.getTargetClass(target) : null);
		String election = this.elections.computeIfAbsent(key, (k) -> election(invocation));
		LeaderWorkRun run = this.permits.get().begin(election);
		LeaderOnlyObserver observer = this.observer.get();
		if (run == null) {
			if (logger.isTraceEnabled()) {
				logger.trace("Skipped " + method + ": this instance is not the leader");
			}
			if (observer != LeaderOnlyObserver.NONE) {
				observer.skipped(election, invocation);
			}
			return (method.getReturnType() == Optional.class) ? Optional.empty() : null;
		}
		try (LeadershipContext.Scope scope = LeadershipContext.enter(run.election(), run.token(), run::stillLeading)) {
			return (observer != LeaderOnlyObserver.NONE) ? observer.executed(election, invocation)
					: invocation.proceed();
		}
		finally {
			run.end();
		}
	}

	private static String election(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Method specificMethod = (target != null) ? AopUtils.getMostSpecificMethod(method, target.getClass()) : method;
		LeaderOnly annotation = LeaderOnlyPointcut.find(method, specificMethod);
		return (annotation != null) ? LeaderOnlyPointcut.election(annotation, specificMethod) : LeaderElections.DEFAULT;
	}

}
