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
		this(permits, () -> LeaderOnlyObserver.NONE);
	}

	/**
	 * Creates the advisor with an observer of the calls.
	 * @param permits supplies the permits on first use (see
	 * {@link #LeaderOnlyAdvisor(Supplier)})
	 * @param observer supplies the observer on first use, for the same reason
	 */
	public LeaderOnlyAdvisor(Supplier<LeaderWorkPermits> permits, Supplier<LeaderOnlyObserver> observer) {
		this.advice = new LeaderOnlyInterceptor(permits, observer);
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
