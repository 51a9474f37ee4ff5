package dev.zkleader.gate;

import java.lang.reflect.Method;

/**
 * Thrown at start-up when {@link dev.zkleader.LeaderOnly} is used in a way the gate
 * cannot honour.
 */
public class IllegalLeaderOnlyMethodException extends IllegalStateException {

	private final transient Method method;

	private final String action;

	private IllegalLeaderOnlyMethodException(Method method, String description, String action) {
		super(description);
		this.method = method;
		this.action = action;
	}

	static IllegalLeaderOnlyMethodException primitiveReturnType(Method method) {
		String type = method.getReturnType().getName();
		return new IllegalLeaderOnlyMethodException(method,
				"@LeaderOnly method " + method.toGenericString() + " returns the primitive type " + type
						+ ", which has no value for a skipped call. On an instance "
						+ "that does not lead the call is skipped, and a primitive " + type + " cannot be skipped.",
				"Declare the method void, or return a wrapper type (" + wrapperName(type)
						+ ") or an Optional: skipped calls return null or Optional.empty().");
	}

	static IllegalLeaderOnlyMethodException invalidElectionName(Method method, String name) {
		return new IllegalLeaderOnlyMethodException(method,
				"@LeaderOnly(\"" + name + "\") on " + method.toGenericString() + " names an invalid election '" + name
						+ "'.",
				"Name the election with 1 to 64 lowercase letters, digits and inner dashes, such as \"reports\"; "
						+ "configure it under leader.elections.<name>.*");
	}

	private static String wrapperName(String primitive) {
		return switch (primitive) {
			case "int" -> "Integer";
			case "char" -> "Character";
			default -> Character.toUpperCase(primitive.charAt(0)) + primitive.substring(1);
		};
	}

	/**
	 * The offending method.
	 * @return the method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * How to fix the method.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
