/**
 * Auto-configuration of the ZooKeeper client, the election and the {@code @LeaderOnly}
 * gate, with the {@code leader.*} properties and the failure analyzers that explain bad
 * configuration.
 */
@NullMarked
package dev.zkleader.autoconfigure;

import org.jspecify.annotations.NullMarked;
