package dev.cyclone.websocket.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A raw-socket Hixie peer that writes exact bytes: the request head, key3 in any cut,
 * frames, and reads the response head, the answer and frames.
 */
final class RawHixie implements AutoCloseable {

	/** The draft's example handshake: Key1, Key2, key3 and the answer. */
	static final String KEY1 = "4 @1  46546xW%0l 1 5";

	static final String KEY2 = "12998 5 Y3 1  .P00";

	static final byte[] KEY3 = "^n:ds[4U".getBytes(StandardCharsets.ISO_8859_1);

	static final String ANSWER = "8jKS'y:G*Co,Wxa-";

	/** What {@link #readFrame()} returns for the closing frame {@code 0xFF 0x00}. */
	static final String CLOSE = "<close>";

	private final RawHttp http;

	private final int port;

	RawHixie(int port) throws IOException {
		this.http = new RawHttp(port);
		this.port = port;
	}

	RawHttp http() {
		return this.http;
	}

	String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * A Hixie-76 request head with the draft's keys and the same origin, plus extra
	 * header lines.
	 */
	String head76(String path, String... extraHeaders) {
		return head(path, "Sec-WebSocket-Key1: " + KEY1 + "\r\nSec-WebSocket-Key2: " + KEY2 + "\r\n"
				+ String.join("", extraHeaders));
	}

	/** A Hixie-75 request head with the same origin. */
	String head75(String path) {
		return head(path, "");
	}

	private String head(String path, String extra) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nUpgrade: WebSocket\r\n"
				+ "Connection: Upgrade\r\n" + (extra.contains("Origin:") ? "" : "Origin: " + origin() + "\r\n") + extra
				+ "\r\n";
	}

	/**
	 * Open a Hixie-76 connection the way browsers do: head and key3 in one write; checks
	 * the answer.
	 */
	RawHixie open76(String path) throws IOException {
		write(concat(head76(path).getBytes(StandardCharsets.ISO_8859_1), KEY3));
		String head = readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			throw new AssertionError("Handshake refused: " + head);
		}
		String answer = readAnswer();
		if (!ANSWER.equals(answer)) {
			throw new AssertionError("Wrong answer " + answer);
		}
		return this;
	}

	void write(String text) throws IOException {
		this.http.write(text);
	}

	void write(byte[] bytes) throws IOException {
		this.http.write(bytes);
	}

	String readHead() throws IOException {
		return this.http.readHead();
	}

	String readAnswer() throws IOException {
		return new String(this.http.read(16), StandardCharsets.ISO_8859_1);
	}

	void sendText(String text) throws IOException {
		write(frame(text));
	}

	String sendAndReceive(String text) throws IOException {
		sendText(text);
		return readFrame();
	}

	void sendClose() throws IOException {
		write(new byte[] { (byte) 0xFF, 0x00 });
	}

	/**
	 * @return the next text message, {@link #CLOSE} for the closing frame
	 */
	String readFrame() throws IOException {
		InputStream in = this.http.socket().getInputStream();
		int type = in.read();
		if (type < 0) {
			throw new AssertionError("Connection closed before a frame");
		}
		if (type == 0xFF) {
			int length = in.read();
			if (length != 0) {
				throw new AssertionError("Unexpected length-prefixed frame, length byte " + length);
			}
			return CLOSE;
		}
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		for (int b = in.read(); b != 0xFF; b = in.read()) {
			if (b < 0) {
				throw new AssertionError("Connection closed inside a frame");
			}
			text.write(b);
		}
		return text.toString(StandardCharsets.UTF_8);
	}

	/**
	 * @return whether the server closed the TCP connection (end of stream or reset)
	 */
	boolean serverClosed() throws IOException {
		try {
			return this.http.socket().getInputStream().read() < 0;
		}
		catch (java.net.SocketException ex) {
			return true;
		}
	}

	static byte[] frame(String text) {
		return concat(new byte[] { 0x00 }, text.getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xFF });
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

}
