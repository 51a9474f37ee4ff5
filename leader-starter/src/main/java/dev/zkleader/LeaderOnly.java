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
	 * {@code <leader.path>/<name>}. Empty (the default) means the default election.
	 * @return the election name
	 */
	String value() default "";

}
