package dev.zkleader.gate;

import java.lang.reflect.Method;

/**
 * Thrown at start-up when {@link dev.zkleader.LeaderOnly} is placed on a method whose
 * return type cannot express a skipped call.
 */
public class IllegalLeaderOnlyMethodException extends IllegalStateException {

	private final transient Method method;

	IllegalLeaderOnlyMethodException(Method method) {
		super("@LeaderOnly method " + method.toGenericString() + " returns the primitive type "
				+ method.getReturnType().getName() + ", which has no value for a skipped call");
		this.method = method;
	}

	/**
	 * The offending method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

}
