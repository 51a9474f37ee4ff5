/**
 * Real ZooKeeper servers on loopback ports: processes, standalone
 * ({@link dev.zkleader.harness.zookeeper.ZooKeeperServer}) or an ensemble of
 * {@code QuorumPeerMain} processes
 * ({@link dev.zkleader.harness.zookeeper.ZooKeeperEnsemble}), ready once {@code srvr}
 * reports a mode; Curator's in-JVM {@code TestingServer}; and the four-letter words.
 */
@NullMarked
package dev.zkleader.harness.zookeeper;

import org.jspecify.annotations.NullMarked;
