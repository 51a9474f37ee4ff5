package dev.zkleader.gate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.zkleader.LeaderOnly;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.Pointcut;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyConfig;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up for every {@link LeaderOnly} method that the gate's proxy cannot
 * intercept, which would otherwise run on every instance without a word: static, private
 * and (behind a class-based proxy) final methods, methods of a final class that needs a
 * class-based proxy, methods an interface-based proxy does not expose, and methods of
 * beans that were never proxied (AOP infrastructure, or beans created before the
 * auto-proxy creator could apply the advisor).
 * <p>
 * A bean post-processor, ordered after the auto-proxy creator so that it sees the object
 * the context hands out; post-processors and the beans they depend on, created before it
 * was registered, are checked once all singletons exist. Self-invocation
 * ({@code this.method()}) cannot be seen here: see {@link LeaderOnly}.
 * <p>
 * Internal: registered by the auto-configuration.
 */
public final class LeaderOnlyMethodCheck implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private final Set<String> checked = ConcurrentHashMap.newKeySet();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	// Before the auto-proxy creator runs, which would fail on a final class with a
	// message that does not say why the class must be proxied.
	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		Class<?> type = bean.getClass();
		if (Modifier.isFinal(type.getModifiers())) {
			boolean classProxying = classProxying(beanName);
			for (Method method : annotatedMethods(type)) {
				if (classProxying || !declaredOnInterface(method, ClassUtils.getAllInterfacesForClassAsSet(type))) {
					throw IllegalLeaderOnlyMethodException.finalClass(method, beanName, classProxying);
				}
			}
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		this.checked.add(beanName);
		check(bean, beanName);
		return bean;
	}

	// Post-processors, and the beans they depend on, are created before this check and
	// the auto-proxy creator are registered. Other beans it never saw (a mock a test
	// registered as a ready-made singleton, say) are left alone.
	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return;
		}
		Set<String> early = new LinkedHashSet<>();
		for (Class<?> type : List.of(BeanPostProcessor.class, BeanFactoryPostProcessor.class)) {
			for (String name : factory.getBeanNamesForType(type, true, false)) {
				collectWithDependencies(factory, name, early);
			}
		}
		for (String name : early) {
			Object bean = factory.containsSingleton(name) ? factory.getSingleton(name) : null;
			if (bean != null && !this.checked.contains(name) && !(bean instanceof FactoryBean)) {
				check(bean, name);
			}
		}
	}

	private static void collectWithDependencies(ConfigurableListableBeanFactory factory, String name,
			Set<String> names) {
		if (names.add(name)) {
			for (String dependency : factory.getDependenciesForBean(name)) {
				collectWithDependencies(factory, dependency, names);
			}
		}
	}

	private void check(Object bean, String beanName) {
		// A scoped proxy delegates to its target bean, which is checked when it is
		// created.
		if (bean instanceof ScopedObject) {
			return;
		}
		List<Method> methods = annotatedMethods(AopProxyUtils.ultimateTargetClass(bean));
		if (methods.isEmpty()) {
			return;
		}
		Object gate = gatingProxy(bean);
		for (Method method : methods) {
			int modifiers = method.getModifiers();
			if (Modifier.isStatic(modifiers)) {
				throw IllegalLeaderOnlyMethodException.staticMethod(method, beanName);
			}
			if (Modifier.isPrivate(modifiers)) {
				throw IllegalLeaderOnlyMethodException.privateMethod(method, beanName);
			}
			if (gate == null) {
				throw IllegalLeaderOnlyMethodException.notProxied(method, beanName, isAopInfrastructure(bean));
			}
			if (Proxy.isProxyClass(gate.getClass())) {
				List<Class<?>> interfaces = List.of(((Advised) gate).getProxiedInterfaces());
				if (!declaredOnInterface(method, interfaces)) {
					throw IllegalLeaderOnlyMethodException.notOnProxiedInterface(method, beanName, interfaces);
				}
			}
			else if (Modifier.isFinal(modifiers)) {
				throw IllegalLeaderOnlyMethodException.finalMethod(method, beanName);
			}
		}
	}

	private static List<Method> annotatedMethods(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, LeaderOnly.class)) {
			return List.of();
		}
		return MethodIntrospector
			.selectMethods(type,
					(MethodIntrospector.MetadataLookup<LeaderOnly>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, LeaderOnly.class))
			.keySet()
			.stream()
			.sorted(Comparator.comparing(Method::toGenericString))
			.toList();
	}

	// The proxy layer that carries the gate, looking through proxies of proxies.
	private static @Nullable Object gatingProxy(Object bean) {
		Object candidate = bean;
		while (candidate instanceof Advised advised) {
			if (Arrays.stream(advised.getAdvisors()).anyMatch(LeaderOnlyAdvisor.class::isInstance)) {
				return candidate;
			}
			candidate = AopProxyUtils.getSingletonTarget(candidate);
		}
		return null;
	}

	private static boolean declaredOnInterface(Method method, Iterable<Class<?>> interfaces) {
		for (Class<?> type : interfaces) {
			if (ClassUtils.hasMethod(type, method.getName(), method.getParameterTypes())) {
				return true;
			}
		}
		return false;
	}

	private boolean classProxying(String beanName) {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return false;
		}
		if (AutoProxyUtils.shouldProxyTargetClass(factory, beanName)) {
			return true;
		}
		return factory.containsBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME)
				&& factory.getBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME, ProxyConfig.class).isProxyTargetClass();
	}

	// The types Spring's auto-proxy creator never proxies.
	private static boolean isAopInfrastructure(Object bean) {
		return bean instanceof Advice || bean instanceof Pointcut || bean instanceof Advisor
				|| bean instanceof AopInfrastructureBean;
	}

}
