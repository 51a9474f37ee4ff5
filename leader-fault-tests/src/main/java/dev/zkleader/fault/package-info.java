/**
 * The fault-injection suite: starts a real ZooKeeper ensemble and the test application's
 * instances as processes (with {@code leader-harness}), puts a cuttable TCP proxy between
 * each instance and each member, runs the nemesis, keeps the fenced register and checks
 * its history against the instances' events.
 */
@NullMarked
package dev.zkleader.fault;

import org.jspecify.annotations.NullMarked;
