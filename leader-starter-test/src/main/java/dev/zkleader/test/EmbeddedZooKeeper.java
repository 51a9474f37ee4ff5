package dev.zkleader.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a real, embedded ZooKeeper server (Curator's {@code TestingServer}, on a free
 * loopback port) for a Spring test and points {@code leader.zookeeper.connect-string} at
 * it. The server lives as long as the test's application context.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EmbeddedZooKeeper
 * class ReportJobTests {
 *
 *     &#64;Autowired
 *     Leadership leadership;
 *
 *     &#64;Test
 *     void theOnlyInstanceLeads() throws InterruptedException {
 *         assertThat(leadership.awaitLeadership(Duration.ofSeconds(30))).isTrue();
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedZooKeeper {

	/**
	 * The server's tick in milliseconds; sessions may range from 2 to 20 ticks. The
	 * default allows sessions of 400 ms to 4 s, so that tests of failover stay short.
	 * @return the tick
	 */
	int tickTime() default 200;

}
