package dev.zkleader.gate;

import java.util.Optional;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Runs a {@link dev.zkleader.LeaderOnly} method when the permit allows it and skips it
 * otherwise.
 */
final class LeaderOnlyInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(LeaderOnlyInterceptor.class);

	private final Supplier<LeaderWorkPermit> permit;

	LeaderOnlyInterceptor(Supplier<LeaderWorkPermit> permit) {
		this.permit = SingletonSupplier.of(permit);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (this.permit.get().permitsLeaderWork()) {
			return invocation.proceed();
		}
		if (logger.isTraceEnabled()) {
			logger.trace("Skipped " + invocation.getMethod() + ": this instance is not the leader");
		}
		return (invocation.getMethod().getReturnType() == Optional.class) ? Optional.empty() : null;
	}

}
