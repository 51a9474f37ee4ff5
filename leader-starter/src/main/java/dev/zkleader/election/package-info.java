/**
 * The election: the Curator {@code LeaderLatch} lifecycle and the state snapshot every
 * reader decides from.
 */
@NullMarked
package dev.zkleader.election;

import org.jspecify.annotations.NullMarked;
