package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.zkleader.harness.process.ShortCommand;

/**
 * A key store and a trust store for a TLS ZooKeeper server and its clients. Generated
 * ones ({@link #generate(Path)}) hold one self-signed key pair, valid for 127.0.0.1 and
 * localhost, for the server and the clients alike, so that no private key is checked in;
 * the trust store holds its certificate, and the two stores have different passwords, so
 * that a mix-up shows.
 *
 * @param keyStore the PKCS12 key store with the key pair
 * @param keyStorePassword its password
 * @param trustStore the PKCS12 trust store with the certificate
 * @param trustStorePassword its password
 */
public record TlsStores(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

	private static final String ALIAS = "zookeeper";

	private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * Generates the stores with the JDK's {@code keytool}.
	 * @param directory where they go
	 * @return the stores
	 * @throws IOException if {@code keytool} fails
	 */
	public static TlsStores generate(Path directory) throws IOException {
		TlsStores stores = new TlsStores(directory.resolve("keystore.p12"), "ks-" + UUID.randomUUID(),
				directory.resolve("truststore.p12"), "ts-" + UUID.randomUUID());
		Path certificate = directory.resolve("zookeeper.pem");
		keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				stores.keyStore.toString(), "-storepass", stores.keyStorePassword, "-keypass", stores.keyStorePassword);
		keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", stores.keyStore.toString(), "-storepass",
				stores.keyStorePassword, "-file", certificate.toString());
		keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype", "PKCS12",
				"-keystore", stores.trustStore.toString(), "-storepass", stores.trustStorePassword);
		return stores;
	}

	/**
	 * A client's TLS context: this key store's key as the client's identity, this trust
	 * store's certificates as the ones it trusts.
	 * @return the context
	 * @throws IOException if a store cannot be read
	 */
	public SSLContext clientContext() throws IOException {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(this.keyStore, this.keyStorePassword), this.keyStorePassword.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(load(this.trustStore, this.trustStorePassword));
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Could not build a TLS context from " + this.keyStore + " and " + this.trustStore,
					ex);
		}
	}

	private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(ShortCommand.jdkTool("keytool"));
		command.addAll(List.of(arguments));
		ShortCommand.run(command, KEYTOOL_TIMEOUT);
	}

	@Override
	public String toString() {
		// No passwords in messages.
		return "TlsStores[keyStore=" + this.keyStore + ", trustStore=" + this.trustStore + "]";
	}

}
