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
 * token in {@link LeadershipContext}, and skips it otherwise.
 */
final class LeaderOnlyInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(LeaderOnlyInterceptor.class);

	private final Supplier<LeaderWorkPermits> permits;

	// By method and target class: behind an interface-based proxy two beans share the
	// interface's Method, yet each implementation may name its own election.
	private final Map<MethodClassKey, String> elections = new ConcurrentHashMap<>();

	LeaderOnlyInterceptor(Supplier<LeaderWorkPermits> permits) {
		this.permits = SingletonSupplier.of(permits);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		MethodClassKey key = new MethodClassKey(method, (target != null) ? AopUtils.getTargetClass(target) : null);
		LeaderWorkRun run = this.permits.get().begin(this.elections.computeIfAbsent(key, (k) -> election(invocation)));
		if (run == null) {
			if (logger.isTraceEnabled()) {
				logger.trace("Skipped " + method + ": this instance is not the leader");
			}
			return (method.getReturnType() == Optional.class) ? Optional.empty() : null;
		}
		try (LeadershipContext.Scope scope = LeadershipContext.enter(run.election(), run.token(), run::stillLeading)) {
			return invocation.proceed();
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
