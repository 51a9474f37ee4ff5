package dev.zkleader.harness.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proxy forwards both ways; a cut holds every byte back without closing anything
 * until it is restored; a reset ends the open connections at once, and new ones pass.
 */
class TcpProxyTests {

	@Test
	void cutHoldsBytesBackWithoutClosingAndRestoreDeliversThem() throws Exception {
		try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				TcpProxy proxy = new TcpProxy("test", upstream.getLocalPort());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
				Socket server = upstream.accept()) {
			client.setSoTimeout(10_000);
			server.setSoTimeout(10_000);
			send(client, "ping");
			assertThat(receive(server, 4)).isEqualTo("ping");
			send(server, "pong");
			assertThat(receive(client, 4)).isEqualTo("pong");

			proxy.cut();
			send(client, "held");
			send(server, "back");
			server.setSoTimeout(500);
			client.setSoTimeout(500);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> receive(server, 4));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> receive(client, 4));

			proxy.restore();
			server.setSoTimeout(10_000);
			client.setSoTimeout(10_000);
			assertThat(receive(server, 4)).isEqualTo("held");
			assertThat(receive(client, 4)).isEqualTo("back");
		}
	}

	@Test
	void resetEndsOpenConnectionsOnBothSidesAndLetsNewOnesThrough() throws Exception {
		try (ServerSocket upstream = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
				TcpProxy proxy = new TcpProxy("test", upstream.getLocalPort());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
				Socket server = upstream.accept()) {
			client.setSoTimeout(10_000);
			server.setSoTimeout(10_000);
			send(client, "ping");
			assertThat(receive(server, 4)).isEqualTo("ping");

			proxy.reset();
			// Well within the timeouts: the reset is seen at once, not after one.
			assertThat(endOfConnection(client)).isTrue();
			assertThat(endOfConnection(server)).isTrue();

			try (Socket again = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
					Socket serverAgain = upstream.accept()) {
				serverAgain.setSoTimeout(10_000);
				send(again, "next");
				assertThat(receive(serverAgain, 4)).isEqualTo("next");
			}
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
