package dev.zkleader.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the starter's ZooKeeper client connects, and as whom. The auto-configuration uses
 * a bean of this type in place of {@code leader.zookeeper.connect-string} and
 * {@code leader.zookeeper.auth.*}: Spring Boot's Docker Compose support and
 * Testcontainers' {@code @ServiceConnection} contribute one for a {@code zookeeper}
 * service, and an application may define its own. Without one, the properties are used.
 */
public interface ZooKeeperConnectionDetails extends ConnectionDetails {

	/**
	 * The ZooKeeper servers.
	 * @return {@code host:port[,host:port...]}, without a chroot
	 */
	String getConnectString();

	/**
	 * The chroot the client works under: every path it uses is relative to it.
	 * @return an absolute ZooKeeper path such as {@code /apps/billing}, or {@code null}
	 * for the root
	 */
	default @Nullable String getChroot() {
		return null;
	}

	/**
	 * The user of ZooKeeper digest authentication.
	 * @return the user name, or {@code null} to connect without authentication
	 */
	default @Nullable String getUsername() {
		return null;
	}

	/**
	 * The password of {@link #getUsername() the user}.
	 * @return the password, or {@code null}
	 */
	default @Nullable String getPassword() {
		return null;
	}

	/**
	 * The key and trust material to connect over TLS with; the servers must then be
	 * reached at their secure client port.
	 * @return the SSL bundle, or {@code null} for a plaintext connection
	 */
	default @Nullable SslBundle getSslBundle() {
		return null;
	}

}
