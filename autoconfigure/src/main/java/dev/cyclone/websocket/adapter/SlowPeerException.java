package dev.cyclone.websocket.adapter;

import java.io.IOException;

/**
 * A transport refuses a write because its peer does not read fast enough: its own outbound buffer is full or has
 * waited longer than the send time limit. The connection is then closed with
 * {@link dev.cyclone.websocket.CloseReason#SEND_LIMIT_EXCEEDED 4500}.
 */
public class SlowPeerException extends IOException {

	/**
	 * Create the exception.
	 * @param message what limit the peer hit
	 */
	public SlowPeerException(String message) {
		super(message);
	}

}
