package dev.zkleader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method only while this instance is the elected leader; on any other
 * instance the call is skipped and returns {@code null} (or
 * {@link java.util.Optional#empty()} for an {@code Optional} return type).
 * <p>
 * Typically placed on {@code @Scheduled} methods of a replicated service. The decision
 * reads local state only: it never calls ZooKeeper. Methods with a primitive return type
 * other than {@code void} are rejected at start-up, because a skipped call would have no
 * value to return. May be placed on an interface method or on a class method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LeaderOnly {

}
