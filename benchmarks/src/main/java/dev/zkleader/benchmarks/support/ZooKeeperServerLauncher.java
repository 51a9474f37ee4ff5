package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;

import org.apache.zookeeper.server.ZooKeeperServerMain;

/**
 * Runs {@link ZooKeeperServerMain} in a child process that exits as soon as its standard
 * input closes, so that a server never outlives the benchmark driver that started it.
 */
public final class ZooKeeperServerLauncher {

	private ZooKeeperServerLauncher() {
	}

	public static void main(String[] args) {
		Thread watchdog = new Thread(() -> {
			awaitEndOfInput(System.in);
			System.exit(0);
		}, "driver-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		ZooKeeperServerMain.main(args);
	}

	static void awaitEndOfInput(InputStream in) {
		try {
			while (in.read() != -1) {
				// Only the end matters.
			}
		}
		catch (IOException ex) {
			// A broken pipe means the driver is gone, too.
		}
	}

}
