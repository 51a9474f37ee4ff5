package dev.zkleader.harness.zookeeper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * ZooKeeper's four-letter words over a plain or TLS socket to a loopback port:
 * {@code srvr} (is it serving, and as what), {@code mntr} (its counters), {@code wchp}
 * (its watches). A server answers only the words its {@code 4lw.commands.whitelist}
 * allows.
 */
public final class FourLetterWords {

	private static final Pattern MODE = Pattern.compile("(?m)^Mode: (\\w+)");

	private FourLetterWords() {
	}

	/**
	 * Sends a four-letter word over plain TCP.
	 * @param port the server's client port
	 * @param word the command
	 * @return the answer, empty if the server did not answer
	 */
	public static String send(int port, String word) {
		return send(port, word, null);
	}

	/**
	 * Sends a four-letter word.
	 * @param port the server's client port
	 * @param word the command
	 * @param tls for a secure client port, the client's TLS context; {@code null} for
	 * plain TCP
	 * @return the answer, empty if the server did not answer
	 */
	public static String send(int port, String word, @Nullable SSLContext tls) {
		try (Socket socket = (tls != null) ? tls.getSocketFactory().createSocket() : new Socket()) {
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
	 * The role a {@code srvr} answer reports: {@code standalone}, {@code leader},
	 * {@code follower} or {@code observer}. A server reports one only once it serves
	 * ({@code ruok} answers earlier, while clients that connect are still dropped).
	 * @param srvr the answer
	 * @return the mode, empty if the server does not serve
	 */
	public static Optional<String> mode(String srvr) {
		Matcher matcher = MODE.matcher(srvr);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
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
	 * The watches the server holds, by path ({@code wchp}).
	 * @param port the server's client port
	 * @return for each watched path, the sessions watching it
	 */
	public static Map<String, List<String>> watchesByPath(int port) {
		Map<String, List<String>> watches = new LinkedHashMap<>();
		List<String> sessions = null;
		for (String line : send(port, "wchp").split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			if (Character.isWhitespace(line.charAt(0))) {
				if (sessions != null) {
					sessions.add(line.trim());
				}
			}
			else {
				sessions = new ArrayList<>();
				watches.put(line.trim(), sessions);
			}
		}
		return watches;
	}

}
