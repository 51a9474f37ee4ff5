/**
 * The failover demo without Docker: starts a real ZooKeeper server and sample instances
 * as separate JVMs, follows leadership from their logs, and reports the timeline.
 */
package dev.zkleader.demo;
