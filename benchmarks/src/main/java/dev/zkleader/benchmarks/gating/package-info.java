/**
 * Gating cost: a {@code @LeaderOnly} call against the same call unproxied (JMH), and the
 * ZooKeeper operations a gated call performs (none).
 */
@NullMarked
package dev.zkleader.benchmarks.gating;

import org.jspecify.annotations.NullMarked;
