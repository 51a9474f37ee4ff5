package dev.zkleader.observation;

import java.lang.reflect.Method;

import io.micrometer.observation.Observation;

/**
 * What a {@code leader.only.execution} observation knows about one
 * {@link dev.zkleader.LeaderOnly} call.
 */
public class LeaderOnlyObservationContext extends Observation.Context {

	private final String election;

	private final Class<?> targetClass;

	private final Method method;

	private final boolean skipped;

	/**
	 * Creates the context of one call.
	 * @param election the election that decided the call
	 * @param targetClass the class of the bean whose method was called
	 * @param method the method
	 * @param skipped whether the call was skipped, because this instance does not lead
	 */
	public LeaderOnlyObservationContext(String election, Class<?> targetClass, Method method, boolean skipped) {
		this.election = election;
		this.targetClass = targetClass;
		this.method = method;
		this.skipped = skipped;
	}

	/**
	 * The election that decided the call.
	 * @return the election name
	 */
	public String getElection() {
		return this.election;
	}

	/**
	 * The class of the bean whose method was called.
	 * @return the class
	 */
	public Class<?> getTargetClass() {
		return this.targetClass;
	}

	/**
	 * The method called.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * Whether the call was skipped rather than run.
	 * @return {@code true} for a skipped call
	 */
	public boolean isSkipped() {
		return this.skipped;
	}

}
