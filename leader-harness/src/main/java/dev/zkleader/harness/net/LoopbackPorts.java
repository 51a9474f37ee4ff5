package dev.zkleader.harness.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on the loopback address that nothing listens on.
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * A port that was free a moment ago.
	 * @return the port
	 */
	public static int free() {
		return free(1).get(0);
	}

	/**
	 * Distinct ports that were free a moment ago: all are held open together while they
	 * are chosen, so none comes twice.
	 * @param count how many
	 * @return the ports
	 */
	public static List<Integer> free(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports.add(socket.getLocalPort());
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Closing anyway.
				}
			}
		}
	}

}
