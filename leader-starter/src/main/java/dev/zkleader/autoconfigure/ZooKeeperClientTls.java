package dev.zkleader.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;

import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Util;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.FileSystemUtils;

/**
 * The TLS configuration of the ZooKeeper client: none, {@code leader.zookeeper.tls.*}, or
 * an SSL bundle. ZooKeeper's client reads its key and trust material only from store
 * files, so a bundle's stores (JKS, PKCS12 or PEM alike) are written as PKCS12 files with
 * a random password to a directory only this user can read, deleted on {@link #close()}.
 */
final class ZooKeeperClientTls implements AutoCloseable {

	private static final ZooKeeperClientTls NONE = new ZooKeeperClientTls(null, null);

	private final @Nullable ZKClientConfig config;

	private final @Nullable Path directory;

	private ZooKeeperClientTls(@Nullable ZKClientConfig config, @Nullable Path directory) {
		this.config = config;
		this.directory = directory;
	}

	static ZooKeeperClientTls of(LeaderProperties.Tls tls, @Nullable SslBundle bundle) {
		if (bundle != null) {
			return of(bundle);
		}
		return tls.isEnabled() ? new ZooKeeperClientTls(ZooKeeperTlsConfig.of(tls), null) : NONE;
	}

	private static ZooKeeperClientTls of(SslBundle bundle) {
		ZKClientConfig config = ZooKeeperTlsConfig.secure();
		Path directory = null;
		try (X509Util x509 = new ClientX509Util()) {
			directory = Files.createTempDirectory("zookeeper-tls-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			String password = randomPassword();
			KeyStore keyStore = bundle.getStores().getKeyStore();
			if (keyStore != null) {
				Path file = write(keyStore, keyPassword(bundle), bundle.getKey(), password, directory, "key-store");
				config.setProperty(x509.getSslKeystoreLocationProperty(), file.toString());
				config.setProperty(x509.getSslKeystorePasswdProperty(), password);
				config.setProperty(x509.getSslKeystoreTypeProperty(), "PKCS12");
			}
			KeyStore trustStore = bundle.getStores().getTrustStore();
			if (trustStore != null) {
				Path file = write(trustStore, null, SslBundleKey.NONE, password, directory, "trust-store");
				config.setProperty(x509.getSslTruststoreLocationProperty(), file.toString());
				config.setProperty(x509.getSslTruststorePasswdProperty(), password);
				config.setProperty(x509.getSslTruststoreTypeProperty(), "PKCS12");
			}
			SslOptions options = bundle.getOptions();
			if (options.getEnabledProtocols() != null) {
				config.setProperty(x509.getSslEnabledProtocolsProperty(),
						String.join(",", options.getEnabledProtocols()));
			}
			if (options.getCiphers() != null) {
				config.setProperty(x509.getSslCipherSuitesProperty(), String.join(",", options.getCiphers()));
			}
			return new ZooKeeperClientTls(config, directory);
		}
		catch (IOException | GeneralSecurityException ex) {
			if (directory != null) {
				delete(directory);
			}
			throw new IllegalStateException("Could not prepare the SSL bundle's stores for the ZooKeeper client", ex);
		}
	}

	// The key entries as the bundle protects them, or with the store's own password.
	private static char[] keyPassword(SslBundle bundle) {
		String password = bundle.getKey().getPassword();
		if (password == null) {
			password = bundle.getStores().getKeyStorePassword();
		}
		return (password != null) ? password.toCharArray() : new char[0];
	}

	private static Path write(KeyStore source, char @Nullable [] keyPassword, SslBundleKey key, String password,
			Path directory, String name) throws IOException, GeneralSecurityException {
		KeyStore target = KeyStore.getInstance("PKCS12");
		target.load(null, null);
		for (String alias : Collections.list(source.aliases())) {
			if (source.isKeyEntry(alias) && keyPassword != null) {
				if (key.getAlias() == null || key.getAlias().equals(alias)) {
					target.setKeyEntry(alias, source.getKey(alias, keyPassword), password.toCharArray(),
							source.getCertificateChain(alias));
				}
			}
			else if (source.isCertificateEntry(alias)) {
				target.setCertificateEntry(alias, source.getCertificate(alias));
			}
		}
		Path file = directory.resolve(name + ".p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			target.store(out, password.toCharArray());
		}
		return file;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Nullable ZKClientConfig config() {
		return this.config;
	}

	@Override
	public void close() {
		if (this.directory != null) {
			delete(this.directory);
		}
	}

	private static void delete(Path directory) {
		try {
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
