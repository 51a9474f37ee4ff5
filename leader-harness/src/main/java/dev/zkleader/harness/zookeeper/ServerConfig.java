package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.server.NettyServerCnxnFactory;

/**
 * The {@code zoo.cfg} of one server: standalone, or a member of an ensemble.
 */
final class ServerConfig {

	private ServerConfig() {
	}

	/**
	 * Writes the configuration.
	 * @param file where it goes
	 * @param options the settings
	 * @param dataDir the data directory
	 * @param clientPort the (plain or TLS) client port
	 * @param peers the ensemble's members, empty for a standalone server
	 * @throws IOException if it cannot be written
	 */
	static void write(Path file, ServerOptions options, Path dataDir, int clientPort, List<Peer> peers)
			throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("tickTime=" + options.tickMillis());
		lines.add("dataDir=" + dataDir.toAbsolutePath());
		TlsStores tls = options.tls();
		if (tls == null) {
			lines.add("clientPort=" + clientPort);
			lines.add("clientPortAddress=127.0.0.1");
		}
		else {
			// No clientPort: plaintext clients have nowhere to go. Only the Netty
			// connection factory speaks TLS.
			lines.add("secureClientPort=" + clientPort);
			lines.add("secureClientPortAddress=127.0.0.1");
			lines.add("serverCnxnFactory=" + NettyServerCnxnFactory.class.getName());
			lines.add("ssl.keyStore.location=" + tls.keyStore().toAbsolutePath());
			lines.add("ssl.keyStore.password=" + tls.keyStorePassword());
			lines.add("ssl.trustStore.location=" + tls.trustStore().toAbsolutePath());
			lines.add("ssl.trustStore.password=" + tls.trustStorePassword());
		}
		if (options.maxClientConnections() >= 0) {
			lines.add("maxClientCnxns=" + options.maxClientConnections());
		}
		if (!options.fsync()) {
			lines.add("forceSync=no");
			lines.add("preAllocSize=4096");
		}
		lines.add("admin.enableServer=false");
		lines.add("4lw.commands.whitelist=" + String.join(",", options.fourLetterWords()));
		if (!peers.isEmpty()) {
			// In ticks: how long a follower may take to connect and sync (at least 10 s,
			// as
			// a JVM starting on a busy machine may need), and how far it may lag.
			lines.add("initLimit=" + Math.max(10, 10_000 / options.tickMillis()));
			lines.add("syncLimit=5");
			for (Peer peer : peers) {
				lines.add("server." + peer.id() + "=127.0.0.1:" + peer.quorumPort() + ":" + peer.electionPort());
			}
		}
		lines.add("");
		Files.writeString(file, String.join("\n", lines));
	}

	/**
	 * One member of an ensemble, as every member's configuration lists it.
	 *
	 * @param id its {@code myid}, from 1
	 * @param quorumPort where followers connect to the leader
	 * @param electionPort where members elect the leader
	 */
	record Peer(int id, int quorumPort, int electionPort) {
	}

}
