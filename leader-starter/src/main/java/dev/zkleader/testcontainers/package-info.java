/**
 * Testcontainers support: a {@code @ServiceConnection} container running
 * {@code zookeeper} as the starter's ZooKeeper connection in tests.
 */
@NullMarked
package dev.zkleader.testcontainers;

import org.jspecify.annotations.NullMarked;
