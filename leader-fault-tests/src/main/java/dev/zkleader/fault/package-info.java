/**
 * The fault-injection suite: starts a real ZooKeeper server and the test application's
 * instances as processes (with {@code leader-harness}), puts a cuttable TCP proxy between
 * each instance and ZooKeeper, runs the nemesis, keeps the fenced register and checks its
 * history.
 */
@NullMarked
package dev.zkleader.fault;

import org.jspecify.annotations.NullMarked;
