package dev.zkleader.autoconfigure;

import java.util.function.Consumer;

import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Util;

import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Maps {@code leader.zookeeper.tls.*} onto the ZooKeeper client's configuration.
 */
final class ZooKeeperTlsConfig {

	private ZooKeeperTlsConfig() {
	}

	static ZKClientConfig of(LeaderProperties.Tls tls) {
		ZKClientConfig config = secure();
		try (X509Util x509 = new ClientX509Util()) {
			PropertyMapper map = PropertyMapper.get();
			LeaderProperties.Store keyStore = tls.getKeyStore();
			map.from(keyStore::getLocation).to(set(config, x509.getSslKeystoreLocationProperty()));
			map.from(keyStore::getPassword).to(set(config, x509.getSslKeystorePasswdProperty()));
			map.from(keyStore::getType).to(set(config, x509.getSslKeystoreTypeProperty()));
			LeaderProperties.Store trustStore = tls.getTrustStore();
			map.from(trustStore::getLocation).to(set(config, x509.getSslTruststoreLocationProperty()));
			map.from(trustStore::getPassword).to(set(config, x509.getSslTruststorePasswdProperty()));
			map.from(trustStore::getType).to(set(config, x509.getSslTruststoreTypeProperty()));
		}
		return config;
	}

	static ZKClientConfig secure() {
		// Starts from the zookeeper.* system properties, so that settings we do not map
		// (such as zookeeper.ssl.hostnameVerification) can still be given the usual way.
		ZKClientConfig config = new ZKClientConfig();
		config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
		// Only the Netty socket speaks TLS.
		config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, ClientCnxnSocketNetty.class.getName());
		return config;
	}

	private static Consumer<String> set(ZKClientConfig config, String key) {
		return (value) -> config.setProperty(key, value);
	}

}
