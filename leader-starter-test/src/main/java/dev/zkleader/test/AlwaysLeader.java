package dev.zkleader.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the application in a Spring test the leader of every election, without ZooKeeper:
 * leader election is switched off ({@code leader.enabled=false}) and a
 * {@link FixedLeadership} that always leads takes its place, so {@code @LeaderOnly}
 * methods run (with a fixed fencing token) and {@code Leadership.isLeader()} is
 * {@code true}.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AlwaysLeader
 * class ReportJobTests {
 *
 *     &#64;Autowired
 *     ReportJob job;
 *
 *     &#64;Test
 *     void publishesTheReport() {
 *         job.publish();   // a &#64;LeaderOnly method: runs
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AlwaysLeader {

}
