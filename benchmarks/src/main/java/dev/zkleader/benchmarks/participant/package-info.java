/**
 * One election participant per JVM process, for each contender: raw Curator
 * {@code LeaderLatch}, Spring Integration's {@code LeaderInitiator}, and this starter.
 * The driver commands it over standard input; it reports over standard output.
 */
@NullMarked
package dev.zkleader.benchmarks.participant;

import org.jspecify.annotations.NullMarked;
