package dev.zkleader;

import org.apache.curator.framework.CuratorFrameworkFactory;

/**
 * Adjusts the builder of the auto-configured {@code CuratorFramework} before it is built,
 * for example to add authentication or an ACL provider. Customizers are applied in
 * {@link org.springframework.core.annotation.Order order}, after the
 * {@code leader.zookeeper.*} properties.
 */
@FunctionalInterface
public interface CuratorFrameworkCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder, already configured from the properties
	 */
	void customize(CuratorFrameworkFactory.Builder builder);

}
