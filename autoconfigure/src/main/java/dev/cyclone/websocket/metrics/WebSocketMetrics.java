package dev.cyclone.websocket.metrics;

import dev.cyclone.websocket.WebSocketProtocol;

/**
 * What the transports and the handshake report for metrics: connections opening and closing, messages and bytes
 * in and out, and refused handshakes. {@link #NONE} ignores everything; {@link MicrometerWebSocketMetrics} records
 * it when Micrometer is present. Implementations are thread-safe and cheap: they run on the message path.
 */
public interface WebSocketMetrics {

	/** Records nothing. */
	WebSocketMetrics NONE = new WebSocketMetrics() {
	};

	/**
	 * A connection opened.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 */
	default void connectionOpened(String handler, WebSocketProtocol protocol) {
	}

	/**
	 * A connection closed.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 * @param code the close code
	 */
	default void connectionClosed(String handler, WebSocketProtocol protocol, int code) {
	}

	/**
	 * A message, or a part of one, arrived.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 * @param bytes its size
	 * @param last whether it completes a message
	 */
	default void received(String handler, WebSocketProtocol protocol, long bytes, boolean last) {
	}

	/**
	 * A message was queued for sending.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 * @param bytes its size
	 */
	default void sent(String handler, WebSocketProtocol protocol, long bytes) {
	}

	/**
	 * A handshake was refused.
	 * @param handler the handler's bean name
	 * @param reason {@code origin}, {@code bad-key}, {@code limit}, {@code shutdown} or {@code forbidden}
	 */
	default void handshakeRefused(String handler, String reason) {
	}

}
