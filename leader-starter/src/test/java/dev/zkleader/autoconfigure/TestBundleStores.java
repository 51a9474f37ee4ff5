package dev.zkleader.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

import dev.zkleader.harness.zookeeper.TlsStores;

/**
 * The stores of {@link TlsStores} in the other forms an SSL bundle takes: JKS stores, and
 * PEM files (certificate chain, PKCS#8 private key, trusted certificate). Same key pair,
 * same passwords.
 *
 * @param jksKeyStore the key store as JKS
 * @param jksTrustStore the trust store as JKS
 * @param pemCertificate the client's certificate chain as PEM
 * @param pemPrivateKey the client's private key as unencrypted PKCS#8 PEM
 * @param pemTrustedCertificate the trusted certificate as PEM
 */
record TestBundleStores(Path jksKeyStore, Path jksTrustStore, Path pemCertificate, Path pemPrivateKey,
		Path pemTrustedCertificate) {

	static TestBundleStores from(TlsStores stores, Path directory) throws IOException, GeneralSecurityException {
		KeyStore keyStore = load(stores.keyStore(), stores.keyStorePassword());
		KeyStore trustStore = load(stores.trustStore(), stores.trustStorePassword());
		TestBundleStores bundle = new TestBundleStores(directory.resolve("keystore.jks"),
				directory.resolve("truststore.jks"), directory.resolve("client.crt"), directory.resolve("client.key"),
				directory.resolve("trusted.crt"));
		store(copy(keyStore, stores.keyStorePassword()), bundle.jksKeyStore, stores.keyStorePassword());
		store(copy(trustStore, stores.trustStorePassword()), bundle.jksTrustStore, stores.trustStorePassword());
		String alias = Collections.list(keyStore.aliases()).get(0);
		StringBuilder chain = new StringBuilder();
		for (Certificate certificate : keyStore.getCertificateChain(alias)) {
			chain.append(pem("CERTIFICATE", certificate.getEncoded()));
		}
		Files.writeString(bundle.pemCertificate, chain, StandardCharsets.US_ASCII);
		Key key = keyStore.getKey(alias, stores.keyStorePassword().toCharArray());
		Files.writeString(bundle.pemPrivateKey, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
		String trusted = Collections.list(trustStore.aliases()).get(0);
		Files.writeString(bundle.pemTrustedCertificate,
				pem("CERTIFICATE", trustStore.getCertificate(trusted).getEncoded()), StandardCharsets.US_ASCII);
		return bundle;
	}

	private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

	private static KeyStore copy(KeyStore source, String password) throws IOException, GeneralSecurityException {
		KeyStore target = KeyStore.getInstance("JKS");
		target.load(null, null);
		for (String alias : Collections.list(source.aliases())) {
			if (source.isKeyEntry(alias)) {
				target.setKeyEntry(alias, source.getKey(alias, password.toCharArray()), password.toCharArray(),
						source.getCertificateChain(alias));
			}
			else {
				target.setCertificateEntry(alias, source.getCertificate(alias));
			}
		}
		return target;
	}

	private static void store(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password.toCharArray());
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

}
