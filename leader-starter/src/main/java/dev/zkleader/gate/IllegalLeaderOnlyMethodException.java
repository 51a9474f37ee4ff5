package dev.zkleader.gate;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at start-up when {@link dev.zkleader.LeaderOnly} is used in a way the gate
 * cannot honour.
 */
public class IllegalLeaderOnlyMethodException extends IllegalStateException {

	private static final String RUNS_EVERYWHERE = " Every call would run on every instance, leader or not.";

	// Kotlin classes and functions are final unless declared open.
	private static final String KOTLIN = " In Kotlin, declare the class and the function open: the kotlin-spring "
			+ "plugin opens only classes annotated with @Component (or a stereotype built on it), @Transactional, "
			+ "@Async or @Cacheable, and @LeaderOnly on a function does not open its class.";

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

	static IllegalLeaderOnlyMethodException finalMethod(Method method, String beanName) {
		return new IllegalLeaderOnlyMethodException(method, ungated(method, beanName)
				+ "it is final, so the class-based proxy that runs the gate cannot " + "override it." + RUNS_EVERYWHERE,
				"Remove the final modifier from the method." + KOTLIN);
	}

	static IllegalLeaderOnlyMethodException privateMethod(Method method, String beanName) {
		return new IllegalLeaderOnlyMethodException(method,
				ungated(method, beanName) + "it is private, and no proxy can intercept a private method: calls "
						+ "to it from the bean's other methods never pass the gate." + RUNS_EVERYWHERE,
				"Make the method public and call it through the bean, from another bean (a call from inside "
						+ "the same bean never passes the proxy), or put @LeaderOnly on the public method that "
						+ "calls it.");
	}

	static IllegalLeaderOnlyMethodException staticMethod(Method method, String beanName) {
		return new IllegalLeaderOnlyMethodException(method,
				ungated(method, beanName) + "it is static, and no proxy can intercept a static method."
						+ RUNS_EVERYWHERE,
				"Make it an instance method and call it through the bean, or put @LeaderOnly on the bean "
						+ "method that calls it.");
	}

	static IllegalLeaderOnlyMethodException finalClass(Method method, String beanName, boolean classProxying) {
		String why = classProxying ? "class-based proxying is switched on (spring.aop.proxy-target-class=true)"
				: "the method is declared on no interface of the class";
		return new IllegalLeaderOnlyMethodException(method,
				ungated(method, beanName) + "its class " + method.getDeclaringClass().getName() + " is final, and "
						+ "gating it needs a class-based proxy (a subclass) because " + why + "." + RUNS_EVERYWHERE,
				"Remove the final modifier from the class, or declare the method on an interface that the class "
						+ "implements and call it through that interface." + KOTLIN);
	}

	static IllegalLeaderOnlyMethodException notOnProxiedInterface(Method method, String beanName,
			List<Class<?>> interfaces) {
		String names = interfaces.stream().map(Class::getName).collect(Collectors.joining(", "));
		return new IllegalLeaderOnlyMethodException(method,
				ungated(method, beanName) + "the bean is proxied through its interfaces (" + names + "), none of "
						+ "which declares the method, so no caller reaches the gate, and calls from inside the "
						+ "bean run the method on every instance, leader or not.",
				"Declare the method on an interface of the bean and call it through that interface, or have "
						+ "the bean proxied by class (spring.aop.proxy-target-class=true with Spring Boot's AOP "
						+ "auto-configuration).");
	}

	static IllegalLeaderOnlyMethodException notProxied(Method method, String beanName, boolean infrastructure) {
		String why = infrastructure
				? "it is AOP infrastructure (an Advisor, Advice, Pointcut or AopInfrastructureBean), which Spring's "
						+ "auto-proxy creator never proxies"
				: "it was created before Spring's auto-proxy creator could apply the advisor, typically because a "
						+ "BeanPostProcessor or BeanFactoryPostProcessor depends on it";
		String fix = infrastructure ? "Move the @LeaderOnly method to an ordinary bean."
				: "Move the @LeaderOnly method to a bean that no BeanPostProcessor or BeanFactoryPostProcessor "
						+ "depends on, or let them depend on it lazily (through ObjectProvider or @Lazy).";
		return new IllegalLeaderOnlyMethodException(method, ungated(method, beanName)
				+ "the bean was not proxied with the @LeaderOnly advisor, because " + why + "." + RUNS_EVERYWHERE, fix);
	}

	private static String ungated(Method method, String beanName) {
		return "@LeaderOnly method " + method.toGenericString() + " of bean '" + beanName + "' cannot be gated: ";
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
