package dev.zkleader.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A key store and a trust store generated for one test run with the JDK's
 * {@code keytool}, so that no private key is checked in. One self-signed key pair, valid
 * for 127.0.0.1 and localhost, serves both the ZooKeeper server and the clients; the
 * trust store holds its certificate. The two stores have different passwords, so that a
 * mix-up shows.
 *
 * @param keyStore the PKCS12 key store with the key pair
 * @param keyStorePassword its password
 * @param trustStore the PKCS12 trust store with the certificate
 * @param trustStorePassword its password
 */
record TestKeyStores(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

	private static final String ALIAS = "zookeeper";

	static TestKeyStores generate(Path directory) throws IOException, InterruptedException {
		TestKeyStores stores = new TestKeyStores(directory.resolve("keystore.p12"), "ks-" + UUID.randomUUID(),
				directory.resolve("truststore.p12"), "ts-" + UUID.randomUUID());
		Path certificate = directory.resolve("zookeeper.pem");
		keytool(directory, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", stores.keyStore.toString(), "-storepass", stores.keyStorePassword, "-keypass",
				stores.keyStorePassword);
		keytool(directory, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", stores.keyStore.toString(),
				"-storepass", stores.keyStorePassword, "-file", certificate.toString());
		keytool(directory, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-storetype",
				"PKCS12", "-keystore", stores.trustStore.toString(), "-storepass", stores.trustStorePassword);
		return stores;
	}

	private static void keytool(Path directory, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile(directory, "keytool", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException("keytool " + arguments[0] + " did not finish within 2 minutes");
		}
		if (process.exitValue() != 0) {
			throw new IOException(
					"keytool " + arguments[0] + " failed: " + Files.readString(output, StandardCharsets.UTF_8));
		}
	}

}
