package dev.cyclone.websocket.adapter;

/**
 * What happens when a peer does not read fast enough and its outbound buffer is full.
 */
public enum OverflowPolicy {

	/**
	 * Close the connection with
	 * {@link dev.cyclone.websocket.CloseReason#SEND_LIMIT_EXCEEDED 4500}.
	 */
	CLOSE,

	/**
	 * Drop the oldest messages not yet being written to make room (as Spring's
	 * {@code ConcurrentWebSocketSessionDecorator} can); a write stuck past the send time
	 * limit still closes.
	 */
	DROP_OLDEST

}
