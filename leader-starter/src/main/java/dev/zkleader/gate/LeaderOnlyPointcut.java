package dev.zkleader.gate;

import java.lang.reflect.Method;

import dev.zkleader.LeaderOnly;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Matches methods annotated with {@link LeaderOnly} on the class or on an interface or
 * superclass method it implements, and rejects those whose primitive return type could
 * not express a skipped call.
 */
final class LeaderOnlyPointcut extends StaticMethodMatcherPointcut {

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		boolean annotated = AnnotatedElementUtils.hasAnnotation(specificMethod, LeaderOnly.class)
				|| AnnotatedElementUtils.hasAnnotation(method, LeaderOnly.class);
		if (annotated && returnsPrimitiveValue(specificMethod)) {
			throw new IllegalLeaderOnlyMethodException(specificMethod);
		}
		return annotated;
	}

	private static boolean returnsPrimitiveValue(Method method) {
		Class<?> type = method.getReturnType();
		return type.isPrimitive() && type != void.class;
	}

}
