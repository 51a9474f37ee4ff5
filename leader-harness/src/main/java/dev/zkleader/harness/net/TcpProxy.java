package dev.zkleader.harness.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of one server port (a ZooKeeper server's, typically), so
 * that a test or a nemesis can break the way of one client to it in two ways:
 * <ul>
 * <li>{@link #cut()}, a blackhole: no byte moves in either direction and no socket is
 * closed, so each side only notices through its own timeouts, as on a partitioned
 * network. Bytes already read when the cut begins are held back and delivered after
 * {@link #restore()} (as TCP retransmission would), and a connection opened during the
 * cut reaches the server only after it.</li>
 * <li>{@link #reset()}: every open connection is reset (RST) on both sides at once, so
 * the client notices at once and reconnects; new connections pass.</li>
 * </ul>
 */
public final class TcpProxy implements Closeable {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private final String name;

	private final int upstreamPort;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private volatile boolean cut;

	private volatile boolean closed;

	/**
	 * Starts a proxy on a free loopback port.
	 * @param name names its threads
	 * @param upstreamPort the loopback port it forwards to
	 * @throws IOException if it cannot listen
	 */
	public TcpProxy(String name, int upstreamPort) throws IOException {
		this.name = name;
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("proxy-" + name + "-accept", this::accept).start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	public String connectString() {
		return "127.0.0.1:" + port();
	}

	/**
	 * Holds every byte back, in both directions, until {@link #restore()}.
	 */
	public void cut() {
		this.cut = true;
	}

	/**
	 * Ends a cut: held bytes and connections go through.
	 */
	public void restore() {
		synchronized (this.gate) {
			this.cut = false;
			this.gate.notifyAll();
		}
	}

	public boolean isCut() {
		return this.cut;
	}

	/**
	 * Resets every open connection on both sides (an RST, not an orderly close); bytes
	 * held by a cut are dropped. Connections opened afterwards pass as usual.
	 */
	public void reset() {
		this.sockets.forEach((socket) -> close(socket, true));
	}

	/**
	 * The sockets open now, two per proxied connection (less while one connects).
	 * @return how many
	 */
	public int openSockets() {
		return this.sockets.size();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				daemon("proxy-" + this.name + "-connect", () -> connect(client)).start();
			}
			catch (IOException ex) {
				if (!this.closed) {
					System.err.println("Proxy " + this.name + " stopped accepting: " + ex);
				}
				return;
			}
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		this.sockets.add(upstream);
		try {
			awaitOpen();
			upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort),
					CONNECT_TIMEOUT_MILLIS);
			client.setTcpNoDelay(true);
			upstream.setTcpNoDelay(true);
			daemon("proxy-" + this.name + "-up", () -> pump(client, upstream)).start();
			pump(upstream, client);
		}
		catch (IOException ex) {
			// The server is down (restarting): the client sees its connection close, as
			// it would with a refused connection.
			closeBoth(client, upstream);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			while (true) {
				awaitOpen();
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				awaitOpen();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// Either side went away: end the connection on both.
		}
		closeBoth(from, to);
	}

	private void awaitOpen() throws IOException {
		synchronized (this.gate) {
			while (this.cut && !this.closed) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("Interrupted", ex);
				}
			}
		}
		if (this.closed) {
			throw new IOException("Proxy closed");
		}
	}

	private void closeBoth(Socket first, Socket second) {
		close(first, false);
		close(second, false);
	}

	private void close(Socket socket, boolean reset) {
		try {
			if (reset && !socket.isClosed()) {
				// A zero linger time makes close() send an RST instead of a FIN.
				socket.setSoLinger(true, 0);
			}
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.sockets.remove(socket);
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		restore();
		this.server.close();
		this.sockets.forEach((socket) -> close(socket, false));
	}

}
