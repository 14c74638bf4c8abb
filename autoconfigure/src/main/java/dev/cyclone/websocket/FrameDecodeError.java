package dev.cyclone.websocket;

/**
 * Signals WebSocket input that the protocol draft calls invalid, or that exceeds a
 * configured limit such as the maximum frame size. The message names the cause precisely,
 * for example {@code "Hixie-76 text frame exceeds the maximum of 65536 bytes"}.
 *
 * <p>
 * The name follows the original Python cyclone library. A decoder that throws it is left
 * unusable; the connection should be closed.
 */
public class FrameDecodeError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the error.
	 * @param message the precise cause
	 */
	public FrameDecodeError(String message) {
		super(message);
	}

}
