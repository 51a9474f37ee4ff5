/**
 * Test support for applications that use the leader-election starter:
 * {@link dev.zkleader.test.EmbeddedZooKeeper} and {@link dev.zkleader.test.AlwaysLeader}.
 */
@NullMarked
package dev.zkleader.test;

import org.jspecify.annotations.NullMarked;
