package dev.zkleader.harness.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proxy forwards both ways; a cut holds every byte back without closing anything
 * until it is restored; a reset ends the open connections at once, and new ones pass.
 */
class TcpProxyTests {

	private ServerSocket upstream;

	private TcpProxy proxy;

	private Socket client;

	private Socket server;

	@BeforeEach
	void connectThroughTheProxy() throws IOException {
		this.upstream = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
		this.proxy = new TcpProxy("test", this.upstream.getLocalPort());
		this.client = new Socket(InetAddress.getLoopbackAddress(), this.proxy.port());
		this.server = this.upstream.accept();
		this.client.setSoTimeout(10_000);
		this.server.setSoTimeout(10_000);
	}

	@AfterEach
	void close() throws IOException {
		this.client.close();
		this.server.close();
		this.proxy.close();
		this.upstream.close();
	}

	@Test
	void cutHoldsBytesBackWithoutClosingAndRestoreDeliversThem() throws Exception {
		send(this.client, "ping");
		assertThat(receive(this.server, 4)).isEqualTo("ping");
		send(this.server, "pong");
		assertThat(receive(this.client, 4)).isEqualTo("pong");

		this.proxy.cut();
		send(this.client, "held");
		send(this.server, "back");
		this.server.setSoTimeout(500);
		this.client.setSoTimeout(500);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> receive(this.server, 4));
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> receive(this.client, 4));

		this.proxy.restore();
		this.server.setSoTimeout(10_000);
		this.client.setSoTimeout(10_000);
		assertThat(receive(this.server, 4)).isEqualTo("held");
		assertThat(receive(this.client, 4)).isEqualTo("back");
	}

	@Test
	void resetEndsOpenConnectionsOnBothSidesAndLetsNewOnesThrough() throws Exception {
		send(this.client, "ping");
		assertThat(receive(this.server, 4)).isEqualTo("ping");

		this.proxy.reset();
		// Well within the read timeouts: a reset is seen at once, not after a timeout.
		assertThat(endOfConnection(this.client)).isTrue();
		assertThat(endOfConnection(this.server)).isTrue();

		try (Socket again = new Socket(InetAddress.getLoopbackAddress(), this.proxy.port());
				Socket serverAgain = this.upstream.accept()) {
			serverAgain.setSoTimeout(10_000);
			send(again, "next");
			assertThat(receive(serverAgain, 4)).isEqualTo("next");
		}
	}

	// A reset shows as an exception or as the end of the stream; a timeout is neither.
	private static boolean endOfConnection(Socket socket) throws IOException {
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes());
		out.flush();
	}

	private static String receive(Socket socket, int length) throws IOException {
		InputStream in = socket.getInputStream();
		return new String(in.readNBytes(length));
	}

}
