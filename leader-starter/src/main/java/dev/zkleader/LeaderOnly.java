package dev.zkleader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Runs the annotated method only while this instance is the elected leader; on any other
 * instance the call is skipped and returns {@code null} (or
 * {@link java.util.Optional#empty()} for an {@code Optional} return type).
 * <p>
 * Typically placed on {@code @Scheduled} methods of a replicated service. The decision
 * reads local state only: it never calls ZooKeeper. Methods with a primitive return type
 * other than {@code void} are rejected at start-up, because a skipped call would have no
 * value to return. May be placed on an interface method or on a class method.
 * <p>
 * While the method runs, {@link LeadershipContext} tells it the fencing token of the
 * leadership it runs under. If leadership is revoked during the run, the running thread
 * is interrupted ({@code leader.interrupt-on-revoke}); on a normal shutdown, leadership
 * is handed over only after running calls have finished
 * ({@code leader.shutdown.drain-timeout}).
 * <p>
 * The gate is a Spring AOP proxy around the bean, so it sees only calls that pass through
 * the bean reference. Methods a proxy cannot intercept fail start-up with an explanation:
 * {@code static}, {@code private} and (with a class-based proxy) {@code final} methods,
 * methods of a {@code final} class that needs a class-based proxy (Kotlin classes and
 * functions are final unless declared {@code open}), methods an interface-based proxy
 * does not expose, and methods of beans that are never proxied (AOP infrastructure, or
 * beans created before the auto-proxy creator, such as dependencies of a
 * {@code BeanFactoryPostProcessor}).
 * <p>
 * <strong>Self-invocation is not gated</strong>, and cannot be detected: a call from
 * another method of the same bean ({@code this.report()}) goes straight to the method, on
 * every instance. Call a {@code @LeaderOnly} method through the bean, from another bean
 * (or through an injected {@code @Lazy} or {@code ObjectProvider} reference to the bean
 * itself), or annotate the outer method that the scheduler or the caller invokes.
 * <p>
 * The gate runs outside advice of a higher order value, among them {@code @Transactional}
 * and {@code @Cacheable} at their default order: its advisor's order is
 * {@code Ordered.LOWEST_PRECEDENCE - 1000}. A transaction of a {@code @LeaderOnly} method
 * therefore commits inside the gated run, and shutdown or yield, which wait for running
 * calls, wait for the commit too. Advice with a lower order value (an aspect with an
 * explicit {@code @Order(100)}, say) runs outside the gate and also sees skipped calls.
 * <p>
 * {@link Reflective @Reflective}: Spring AOT registers the annotated methods of beans for
 * reflective invocation, which the gate's proxy uses to call them in a native image.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective
public @interface LeaderOnly {

	/**
	 * The election that decides, for work that should have a leader of its own: lowercase
	 * letters, digits and dashes, such as {@code reports}. Configure it under
	 * {@code leader.elections.<name>.*}; an unconfigured name gets the path
	 * {@code <leader.path>.<name>}, beside the default election's path. Empty (the
	 * default) means the default election.
	 * @return the election name
	 */
	String value() default "";

}
