/**
 * The fault-injection harness: starts a real ZooKeeper server and the test application's
 * instances as processes, puts a cuttable TCP proxy between each instance and ZooKeeper,
 * runs the nemesis, keeps the fenced register and checks its history.
 */
@NullMarked
package dev.zkleader.fault;

import org.jspecify.annotations.NullMarked;
