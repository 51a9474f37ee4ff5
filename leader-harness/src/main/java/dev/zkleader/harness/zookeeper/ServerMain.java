package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * The main class of a ZooKeeper server process: {@link ZooKeeperServerMain} for a
 * standalone configuration, {@link QuorumPeerMain} for an ensemble member's. The process
 * exits as soon as its standard input closes, so that a server never outlives the JVM
 * that started it, even one killed outright.
 */
public final class ServerMain {

	private ServerMain() {
	}

	/**
	 * Runs the server.
	 * @param args the path of its {@code zoo.cfg}
	 * @throws IOException if the configuration cannot be read
	 */
	public static void main(String[] args) throws IOException {
		Thread watchdog = new Thread(() -> {
			awaitEndOfInput(System.in);
			System.exit(0);
		}, "parent-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		if (isMember(Path.of(args[0]))) {
			QuorumPeerMain.main(args);
		}
		else {
			ZooKeeperServerMain.main(args);
		}
	}

	private static boolean isMember(Path config) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties.stringPropertyNames().stream().anyMatch((name) -> name.startsWith("server."));
	}

	static void awaitEndOfInput(InputStream in) {
		try {
			while (in.read() != -1) {
				// Only the end matters.
			}
		}
		catch (IOException ex) {
			// A broken pipe means the parent is gone, too.
		}
	}

}
