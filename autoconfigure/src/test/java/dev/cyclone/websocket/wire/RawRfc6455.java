package dev.cyclone.websocket.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw-socket RFC 6455 peer that does only what the test says: it never answers a close
 * frame or a ping by itself, so it plays a peer that ignores the closing handshake.
 */
final class RawRfc6455 implements AutoCloseable {

	/**
	 * What {@link #readMessage()} returns for a close frame: this prefix and the close
	 * code.
	 */
	static final String CLOSE = "<close>";

	private final RawHttp http;

	private RawRfc6455(RawHttp http) {
		this.http = http;
	}

	/** Connect and complete the handshake with the server's own origin. */
	static RawRfc6455 open(int port, String path) throws IOException {
		RawHttp http = new RawHttp(port);
		http.write(RawHttp.rfc6455Request(path, port, "http://127.0.0.1:" + port));
		String head = http.readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			http.close();
			throw new AssertionError("Handshake refused: " + head);
		}
		return new RawRfc6455(http);
	}

	RawHttp http() {
		return this.http;
	}

	void sendText(String text) throws IOException {
		this.http.write(maskedTextFrame(text));
	}

	/**
	 * The next text message, or {@link #CLOSE} followed by the code for a close frame;
	 * pings and pongs are skipped, unanswered.
	 */
	String readMessage() throws IOException {
		InputStream in = this.http.socket().getInputStream();
		while (true) {
			int first = readByte(in);
			int second = readByte(in);
			long length = second & 0x7F;
			if (length == 126) {
				length = (readByte(in) << 8) | readByte(in);
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | readByte(in);
				}
			}
			byte[] payload = in.readNBytes(Math.toIntExact(length));
			int opcode = first & 0x0F;
			if (opcode == 0x8) {
				int code = (payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
				return CLOSE + code;
			}
			if (opcode == 0x1) {
				return new String(payload, StandardCharsets.UTF_8);
			}
		}
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new AssertionError("Connection closed inside a frame");
		}
		return b;
	}

	/**
	 * A client's text frame (RFC 6455 5.2): FIN + opcode 1, mask bit + length (under
	 * 126), mask key, masked payload.
	 */
	static byte[] maskedTextFrame(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		if (payload.length > 125) {
			throw new IllegalArgumentException("Only short frames");
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		byte[] frame = new byte[2 + 4 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		return frame;
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

}
