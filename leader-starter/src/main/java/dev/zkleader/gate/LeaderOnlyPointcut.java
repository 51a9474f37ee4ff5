package dev.zkleader.gate;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.zkleader.LeaderElections;
import dev.zkleader.LeaderOnly;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Matches methods annotated with {@link LeaderOnly} on the class or on an interface or
 * superclass method it implements; rejects those whose return type could not express a
 * skipped call or whose election name is invalid, and remembers the elections they name.
 */
final class LeaderOnlyPointcut extends StaticMethodMatcherPointcut {

	private final Set<String> declaredElections = ConcurrentHashMap.newKeySet();

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		LeaderOnly annotation = find(method, specificMethod);
		if (annotation == null) {
			return false;
		}
		if (returnsPrimitiveValue(specificMethod)) {
			throw IllegalLeaderOnlyMethodException.primitiveReturnType(specificMethod);
		}
		this.declaredElections.add(election(annotation, specificMethod));
		return true;
	}

	static @Nullable LeaderOnly find(Method method, Method specificMethod) {
		LeaderOnly annotation = AnnotatedElementUtils.findMergedAnnotation(specificMethod, LeaderOnly.class);
		return (annotation != null) ? annotation : AnnotatedElementUtils.findMergedAnnotation(method, LeaderOnly.class);
	}

	static String election(LeaderOnly annotation, Method method) {
		String name = annotation.value();
		if (name.isEmpty()) {
			return LeaderElections.DEFAULT;
		}
		if (!LeaderElections.isValidName(name)) {
			throw IllegalLeaderOnlyMethodException.invalidElectionName(method, name);
		}
		return name;
	}

	Set<String> declaredElections() {
		return Set.copyOf(this.declaredElections);
	}

	private static boolean returnsPrimitiveValue(Method method) {
		Class<?> type = method.getReturnType();
		return type.isPrimitive() && type != void.class;
	}

}
