/**
 * Failover benchmarks across JVM processes: graceful handover (three contenders,
 * interleaved) and crash failover (SIGKILL) at several session timeouts.
 */
@NullMarked
package dev.zkleader.benchmarks.failover;

import org.jspecify.annotations.NullMarked;
