package dev.cyclone.websocket.container.tomcat;

import java.nio.ByteBuffer;

/**
 * The header of an unfragmented, unmasked RFC 6455 frame, as a server sends it (RFC 6455
 * section 5.2): FIN set, no extension bits, the payload length in 7, 16 or 64 bits.
 */
final class ServerFrameHeader {

	/** A text frame's opcode. */
	static final int TEXT = 0x1;

	/** A binary frame's opcode. */
	static final int BINARY = 0x2;

	private static final int FIN = 0x80;

	private ServerFrameHeader() {
	}

	/**
	 * The header of a final frame.
	 * @param opcode the frame's opcode
	 * @param payloadLength the payload's length in bytes
	 * @return the header, ready to be written
	 */
	static ByteBuffer of(int opcode, long payloadLength) {
		if (payloadLength < 126) {
			return ByteBuffer.wrap(new byte[] { (byte) (FIN | opcode), (byte) payloadLength });
		}
		if (payloadLength <= 0xFFFF) {
			return ByteBuffer.allocate(4)
				.put((byte) (FIN | opcode))
				.put((byte) 126)
				.putShort((short) payloadLength)
				.flip();
		}
		return ByteBuffer.allocate(10).put((byte) (FIN | opcode)).put((byte) 127).putLong(payloadLength).flip();
	}

}
