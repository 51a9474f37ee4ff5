package dev.zkleader.gate;

import java.util.Set;
import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * Applies the {@link dev.zkleader.LeaderOnly} gate to every annotated method. Registered
 * as an infrastructure bean, so Spring's auto-proxy creator applies it without an AspectJ
 * weaver.
 */
public final class LeaderOnlyAdvisor extends AbstractPointcutAdvisor {

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
