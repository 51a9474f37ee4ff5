/**
 * What every benchmark needs besides {@code leader-harness}: the benchmarks' ZooKeeper
 * server, clocks, {@code /proc} readings, statistics, logging and Markdown tables.
 */
@NullMarked
package dev.zkleader.benchmarks.support;

import org.jspecify.annotations.NullMarked;
