package dev.cyclone.websocket.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw socket test peer for handshakes: writes exact bytes, reads the response head.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	RawHttp(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(10_000);
	}

	Socket socket() {
		return this.socket;
	}

	void write(String text) throws IOException {
		write(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	void write(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		this.socket.getOutputStream().flush();
	}

	/**
	 * @return the response head, up to and including the blank line
	 */
	String readHead() throws IOException {
		return readHead(this.socket.getInputStream());
	}

	/**
	 * Read an HTTP response head from a stream.
	 * @param in the stream
	 * @return the head, up to and including the blank line, or what came before the end
	 * of the stream
	 * @throws IOException when reading fails
	 */
	public static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * @return the bytes that follow, read until the server closes or {@code count}
	 * arrived
	 */
	byte[] read(int count) throws IOException {
		return this.socket.getInputStream().readNBytes(count);
	}

	/**
	 * Read and discard until the server ends the connection.
	 * @param limit how long to wait for that
	 * @return whether the stream ended (end of stream, or a reset) within the limit
	 * @throws IOException when reading fails otherwise
	 */
	boolean endsWithin(Duration limit) throws IOException {
		this.socket.setSoTimeout(Math.toIntExact(Math.max(1, limit.toMillis())));
		byte[] discard = new byte[64 * 1024];
		try {
			while (this.socket.getInputStream().read(discard) >= 0) {
				// drain what the server sent before it closed
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	static String rfc6455Request(String path, int port, String origin) {
		return "GET " + path + " HTTP/1.1\r\n" + "Host: 127.0.0.1:" + port + "\r\n" + "Upgrade: websocket\r\n"
				+ "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n" + ((origin != null) ? "Origin: " + origin + "\r\n" : "") + "\r\n";
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
