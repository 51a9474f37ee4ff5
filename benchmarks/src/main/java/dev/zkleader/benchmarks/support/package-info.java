/**
 * What every benchmark needs: child processes, a ZooKeeper server process, clocks,
 * {@code /proc} readings, statistics and Markdown tables.
 */
@NullMarked
package dev.zkleader.benchmarks.support;

import org.jspecify.annotations.NullMarked;
