package dev.zkleader.docker.compose;

import dev.zkleader.autoconfigure.ZooKeeperConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link DockerComposeConnectionDetailsFactory} that creates
 * {@link ZooKeeperConnectionDetails} for a service running the official {@code zookeeper}
 * image or Bitnami's ({@code bitnamilegacy/zookeeper}, formerly
 * {@code bitnami/zookeeper}); any other image qualifies with the label
 * {@code org.springframework.boot.service-connection: zookeeper}. Registered in
 * {@code META-INF/spring.factories}.
 */
class ZooKeeperDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<ZooKeeperConnectionDetails> {

	private static final String[] ZOOKEEPER_IMAGE_NAMES = { "zookeeper", "bitnamilegacy/zookeeper",
			"bitnami/zookeeper" };

	// Both images serve clients on this container port.
	private static final int CLIENT_PORT = 2181;

	ZooKeeperDockerComposeConnectionDetailsFactory() {
		super(ZOOKEEPER_IMAGE_NAMES);
	}

	@Override
	protected ZooKeeperConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new ZooKeeperDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link ZooKeeperConnectionDetails} of a running {@code zookeeper} service.
	 */
	static class ZooKeeperDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements ZooKeeperConnectionDetails {

		private final String connectString;

		ZooKeeperDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.connectString = service.host() + ":" + service.ports().get(CLIENT_PORT);
		}

		@Override
		public String getConnectString() {
			return this.connectString;
		}

	}

}
