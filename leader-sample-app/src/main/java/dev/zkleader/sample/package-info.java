/**
 * A replicated service that uses the leader-election starter exactly as a user would.
 */
@NullMarked
package dev.zkleader.sample;

import org.jspecify.annotations.NullMarked;
