/**
 * Public API of the leader-election starter: {@link dev.zkleader.LeaderOnly},
 * {@link dev.zkleader.Leadership}, the leadership events and the client customizer.
 */
@NullMarked
package dev.zkleader;

import org.jspecify.annotations.NullMarked;
