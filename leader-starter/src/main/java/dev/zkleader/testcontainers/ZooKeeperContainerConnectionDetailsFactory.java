package dev.zkleader.testcontainers;

import java.util.List;

import dev.zkleader.autoconfigure.ZooKeeperConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that creates
 * {@link ZooKeeperConnectionDetails} from a {@code @ServiceConnection} container (such as
 * a {@code GenericContainer<?>}; Testcontainers has no ZooKeeper module) running the
 * official {@code zookeeper} image or Bitnami's; any other image qualifies with
 * {@code @ServiceConnection("zookeeper")}. The container must expose the client port
 * 2181. Registered in {@code META-INF/spring.factories}.
 */
class ZooKeeperContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, ZooKeeperConnectionDetails> {

	private static final List<String> ZOOKEEPER_IMAGE_NAMES = List.of("zookeeper", "bitnamilegacy/zookeeper",
			"bitnami/zookeeper");

	private static final int CLIENT_PORT = 2181;

	ZooKeeperContainerConnectionDetailsFactory() {
		super(ZOOKEEPER_IMAGE_NAMES);
	}

	@Override
	protected ZooKeeperConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new ZooKeeperContainerConnectionDetails(source);
	}

	/**
	 * {@link ZooKeeperConnectionDetails} of a container; read once it runs.
	 */
	private static final class ZooKeeperContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements ZooKeeperConnectionDetails {

		private ZooKeeperContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public String getConnectString() {
			Container<?> container = getContainer();
			return container.getHost() + ":" + container.getMappedPort(CLIENT_PORT);
		}

		// From the container's @Ssl annotations, as Spring Boot's own containers.
		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
