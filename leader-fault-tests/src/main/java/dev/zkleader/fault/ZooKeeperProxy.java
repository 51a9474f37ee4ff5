package dev.zkleader.fault;

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
 * A loopback TCP proxy between one instance and the ZooKeeper server, which the nemesis
 * can cut. A cut is a blackhole, not a disconnect: no byte moves in either direction and
 * no socket is closed, so each side only notices through its own timeouts, as on a
 * partitioned network. Bytes already read when the cut begins are held back and delivered
 * after it (as TCP retransmission would), and a connection opened during the cut reaches
 * the server only after it.
 */
final class ZooKeeperProxy implements Closeable {

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private final String name;

	private final int upstreamPort;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Object gate = new Object();

	private volatile boolean cut;

	private volatile boolean closed;

	ZooKeeperProxy(String name, int upstreamPort) throws IOException {
		this.name = name;
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("proxy-" + name + "-accept", this::accept).start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	String connectString() {
		return "127.0.0.1:" + port();
	}

	void cut() {
		this.cut = true;
	}

	void restore() {
		synchronized (this.gate) {
			this.cut = false;
			this.gate.notifyAll();
		}
	}

	boolean isCut() {
		return this.cut;
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
			// ZooKeeper is down (restarting): the client sees its connection close, as it
			// would with a refused connection.
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
		closeQuietly(first);
		closeQuietly(second);
	}

	private void closeQuietly(Socket socket) {
		try {
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
		this.sockets.forEach(this::closeQuietly);
	}

}
