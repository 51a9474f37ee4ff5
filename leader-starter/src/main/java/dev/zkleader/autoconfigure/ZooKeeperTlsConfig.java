package dev.zkleader.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.zookeeper.ClientCnxnSocketNetty;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.KeyStoreFileType;
import org.apache.zookeeper.common.X509Util;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Maps {@code leader.zookeeper.tls.*} onto the ZooKeeper client's configuration, after
 * opening both stores the way the client will, so that a wrong path, type or password
 * fails start-up with the property named rather than every connection attempt later.
 */
final class ZooKeeperTlsConfig {

	static final String LOCATION_FIX = "point it at a readable store file on this machine, such as "
			+ "/etc/zookeeper/client.p12";

	private ZooKeeperTlsConfig() {
	}

	static ZKClientConfig of(LeaderProperties.Tls tls) {
		checkStore("leader.zookeeper.tls.key-store", tls.getKeyStore(), X509Util::loadKeyStore);
		checkStore("leader.zookeeper.tls.trust-store", tls.getTrustStore(), X509Util::loadTrustStore);
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

	private static void checkStore(String prefix, LeaderProperties.Store store, StoreLoader loader) {
		String location = store.getLocation();
		if (location == null) {
			return;
		}
		String property = prefix + ".location";
		Path file = Path.of(location);
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw invalid(property, location, "there is no readable file at " + file.toAbsolutePath(), LOCATION_FIX);
		}
		String type = store.getType();
		if (type == null && !hasStoreExtension(location)) {
			throw invalid(property, location, "the store type cannot be told from the file name",
					"set " + prefix + ".type (" + ZooKeeperSecurityValidator.STORE_TYPES
							+ "), or name the file .p12, .jks, .pem or .bcfks");
		}
		try {
			loader.load(location, (store.getPassword() != null) ? store.getPassword() : "", type);
		}
		catch (Exception ex) {
			throw invalid(property, location, "the store cannot be opened (" + ex.getMessage() + ")",
					"check that it is a " + ((type != null) ? type + " store" : "store of the type its extension names")
							+ " and that " + prefix + ".password is its password");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String property, String value, String problem,
			String fix) {
		return new InvalidConfigurationPropertyValueException(property, value,
				LeaderPropertiesValidator.reason(problem, fix));
	}

	private static boolean hasStoreExtension(String location) {
		try {
			KeyStoreFileType.fromFilename(location);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Consumer<String> set(ZKClientConfig config, String key) {
		return (value) -> config.setProperty(key, value);
	}

	@FunctionalInterface
	private interface StoreLoader {

		void load(String location, String password, @Nullable String type) throws Exception;

	}

}
