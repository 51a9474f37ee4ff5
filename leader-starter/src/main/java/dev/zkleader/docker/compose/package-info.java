/**
 * Spring Boot Docker Compose support: a {@code zookeeper} service of the application's
 * compose file as the starter's ZooKeeper connection.
 */
@NullMarked
package dev.zkleader.docker.compose;

import org.jspecify.annotations.NullMarked;
