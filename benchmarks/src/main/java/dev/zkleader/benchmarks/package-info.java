/**
 * Benchmarks of the leader-election starter, side by side with raw Curator and Spring
 * Integration: graceful handover, crash failover, gating cost, scale and footprint. Run
 * with {@code benchmarks/run.sh}; results and method are in {@code docs/BENCHMARKS.md}.
 */
@NullMarked
package dev.zkleader.benchmarks;

import org.jspecify.annotations.NullMarked;
