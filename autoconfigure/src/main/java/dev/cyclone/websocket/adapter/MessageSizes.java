package dev.cyclone.websocket.adapter;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * The size of a message on the wire, in bytes: UTF-8 bytes for text, computed without
 * encoding it.
 */
public final class MessageSizes {

	private MessageSizes() {
	}

	/**
	 * The size of a message.
	 * @param message a text, binary, ping or pong message
	 * @return its payload size in bytes
	 */
	public static long of(WebSocketMessage<?> message) {
		return (message instanceof TextMessage text) ? utf8Length(text.getPayload()) : message.getPayloadLength();
	}

	/**
	 * The UTF-8 length of a text.
	 * @param text the text
	 * @return its length in UTF-8 bytes (a surrogate pair counts 4)
	 */
	public static long utf8Length(CharSequence text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length += 1;
			}
			else if (c < 0x800 || Character.isSurrogate(c)) {
				length += 2;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

}
