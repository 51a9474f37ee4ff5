package dev.zkleader.benchmarks.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZooKeeper's four-letter words over a plain socket: {@code srvr} (is it serving),
 * {@code mntr} (its counters).
 */
public final class FourLetterWords {

	private FourLetterWords() {
	}

	/**
	 * Sends a four-letter word to a server on the loopback address.
	 * @param port the server's client port
	 * @param word the command
	 * @return the answer, empty if the server did not answer
	 */
	public static String send(int port, String word) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(word.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * The server's monitoring counters, such as {@code zk_packets_received} and
	 * {@code zk_watch_count}.
	 * @param port the server's client port
	 * @return the counters by name
	 */
	public static Map<String, String> monitoring(int port) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : send(port, "mntr").split("\n")) {
			String[] parts = line.split("\t", 2);
			if (parts.length == 2) {
				values.put(parts[0].trim(), parts[1].trim());
			}
		}
		return values;
	}

	/**
	 * One monitoring counter.
	 * @param port the server's client port
	 * @param name the counter
	 * @return its value
	 */
	public static long monitoringValue(int port, String name) {
		String value = monitoring(port).get(name);
		if (value == null) {
			throw new IllegalStateException("The server reported no " + name + " (is mntr allowed?)");
		}
		return Long.parseLong(value);
	}

	/**
	 * Packets the server has received from all clients (requests and pings).
	 * @param port the server's client port
	 * @return the count
	 */
	public static long packetsReceived(int port) {
		return monitoringValue(port, "zk_packets_received");
	}

}
