package dev.zkleader.gate;

import java.util.Set;
import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * Applies the {@link dev.zkleader.LeaderOnly} gate to every annotated method. Registered
 * as an infrastructure bean, so Spring's auto-proxy creator applies it without an AspectJ
 * weaver.
 * <p>
 * Its order, {@link #ORDER}, puts the gate outside every advice of a higher order value,
 * among them {@code @Transactional} and {@code @Cacheable} at their default order
 * ({@link Ordered#LOWEST_PRECEDENCE}): the transaction commits inside the gated run, so
 * that a shutdown or yield that drains running calls waits for the commit too.
 */
public final class LeaderOnlyAdvisor extends AbstractPointcutAdvisor {

	/**
	 * The advisor's order: {@code Ordered.LOWEST_PRECEDENCE - 1000}. Advice with a lower
	 * value (an explicit {@code @Order(100)} aspect, say) runs outside the gate and sees
	 * skipped calls too; advice at the default order runs inside it.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final transient LeaderOnlyPointcut pointcut = new LeaderOnlyPointcut();

	private final transient Advice advice;

	/**
	 * Creates the advisor.
	 * @param permits supplies the permits on first use, so that creating the advisor does
	 * not force the ZooKeeper client and the elections to be created while bean
	 * post-processors are still being registered
	 */
	public LeaderOnlyAdvisor(Supplier<LeaderWorkPermits> permits) {
		this.advice = new LeaderOnlyInterceptor(permits);
		setOrder(ORDER);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

	/**
	 * The elections named by the {@code @LeaderOnly} methods seen so far, so that they
	 * can be joined at start-up rather than at their first call.
	 * @return the election names
	 */
	public Set<String> declaredElections() {
		return this.pointcut.declaredElections();
	}

}
