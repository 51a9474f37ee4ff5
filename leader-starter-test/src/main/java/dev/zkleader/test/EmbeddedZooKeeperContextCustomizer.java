package dev.zkleader.test;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts a {@link TestingServer} for one application context and stops it when the
 * context closes.
 */
final class EmbeddedZooKeeperContextCustomizer implements ContextCustomizer {

	private final int tickTime;

	EmbeddedZooKeeperContextCustomizer(int tickTime) {
		this.tickTime = tickTime;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		TestingServer server;
		try {
			server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, this.tickTime, -1), true);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded ZooKeeper server", ex);
		}
		TestPropertyValues.of("leader.zookeeper.connect-string=" + server.getConnectString()).applyTo(context);
		// Registered before the application's beans, so created before and destroyed
		// after the election and the ZooKeeper client: they leave cleanly before the
		// server stops.
		RootBeanDefinition definition = new RootBeanDefinition(EmbeddedServer.class, () -> new EmbeddedServer(server));
		definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
		((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition("embeddedZooKeeperServer",
				definition);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmbeddedZooKeeperContextCustomizer customizer && customizer.tickTime == this.tickTime;
	}

	@Override
	public int hashCode() {
		return Integer.hashCode(this.tickTime);
	}

	/**
	 * The server as a bean, closed when the context's singletons are destroyed.
	 *
	 * @param server the server
	 */
	record EmbeddedServer(TestingServer server) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.server.close();
		}

	}

}
