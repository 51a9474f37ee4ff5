/**
 * Failover benchmarks across JVM processes: graceful handover (three contenders,
 * interleaved), crash failover (SIGKILL) at several session timeouts, and ZooKeeper
 * maintenance (four contenders through restarts of a 3-node ensemble and a cut leader).
 */
@NullMarked
package dev.zkleader.benchmarks.failover;

import org.jspecify.annotations.NullMarked;
