package dev.cyclone.websocket.hixie76;

import java.nio.charset.StandardCharsets;

/**
 * Builds server-to-client frames for the Hixie-75/76 drafts. Stateless; all methods are
 * static and thread safe.
 */
public final class Hixie76FrameEncoder {

	private static final byte TEXT_FRAME_TYPE = 0x00;

	private static final byte FRAME_END = (byte) 0xFF;

	private Hixie76FrameEncoder() {
	}

	/**
	 * Encodes a text message as {@code 0x00}, its UTF-8 bytes, then {@code 0xFF}.
	 * Unpaired surrogates are encoded as {@code '?'}, as
	 * {@link String#getBytes(java.nio.charset.Charset)} does.
	 * @param message the text to send, not null
	 * @return a new array holding exactly the frame
	 */
	public static byte[] encodeText(String message) {
		byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[utf8.length + 2];
		frame[0] = TEXT_FRAME_TYPE;
		System.arraycopy(utf8, 0, frame, 1, utf8.length);
		frame[frame.length - 1] = FRAME_END;
		return frame;
	}

	/**
	 * Returns the closing handshake frame, the bytes {@code 0xFF 0x00}.
	 * @return a new array the caller may modify
	 */
	public static byte[] closeFrame() {
		return new byte[] { FRAME_END, 0x00 };
	}

}
