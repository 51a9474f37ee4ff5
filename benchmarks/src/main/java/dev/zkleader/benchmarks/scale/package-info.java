/**
 * Scale: 50 to 200 participants on one ZooKeeper server; re-election latency,
 * participants woken per change, and the server's CPU and memory.
 */
@NullMarked
package dev.zkleader.benchmarks.scale;

import org.jspecify.annotations.NullMarked;
