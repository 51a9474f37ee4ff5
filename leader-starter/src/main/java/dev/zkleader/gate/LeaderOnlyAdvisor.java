package dev.zkleader.gate;

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

	private final transient Pointcut pointcut = new LeaderOnlyPointcut();

	private final transient Advice advice;

	/**
	 * Creates the advisor.
	 * @param permit supplies the permit on first use, so that creating the advisor does
	 * not force the ZooKeeper client and the election to be created while bean
	 * post-processors are still being registered
	 */
	public LeaderOnlyAdvisor(Supplier<LeaderWorkPermit> permit) {
		this.advice = new LeaderOnlyInterceptor(permit);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice;
	}

}
