package dev.zkleader.docker.compose;

import dev.zkleader.autoconfigure.ZooKeeperConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.ssl.SslBundle;

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

		private final @Nullable SslBundle sslBundle;

		ZooKeeperDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.connectString = service.host() + ":" + service.ports().get(CLIENT_PORT);
			// From the service's org.springframework.boot.sslbundle.* labels.
			this.sslBundle = getSslBundle(service);
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return this.sslBundle;
		}

		@Override
		public String getConnectString() {
			return this.connectString;
		}

	}

}
