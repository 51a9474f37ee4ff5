/**
 * What the demo, the fault suite, the benchmarks and the tests run on, never deployed:
 * {@link dev.zkleader.harness.process child processes},
 * {@link dev.zkleader.harness.zookeeper ZooKeeper servers} (processes and in-JVM), a
 * {@link dev.zkleader.harness.net loopback TCP proxy}, {@link dev.zkleader.harness.cli
 * the drivers' command line} and {@link dev.zkleader.harness.time pauses}.
 */
@NullMarked
package dev.zkleader.harness;

import org.jspecify.annotations.NullMarked;
