package dev.cyclone.websocket.hixie76;

/**
 * Thrown when a Hixie-76 handshake key ({@code Sec-WebSocket-Key1},
 * {@code Sec-WebSocket-Key2} or the 8-byte key3) is not acceptable. The message states
 * exactly why; the server should refuse the handshake.
 */
public class InvalidHandshakeKeyException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message why the key was refused
	 */
	public InvalidHandshakeKeyException(String message) {
		super(message);
	}

}
