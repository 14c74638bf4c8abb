package dev.cyclone.websocket.metrics;

import dev.cyclone.websocket.WebSocketProtocol;

/**
 * What the transports and the handshake report for metrics: connections opening and
 * closing, messages and bytes in and out, and refused handshakes. {@link #NONE} ignores
 * everything; {@link MicrometerWebSocketMetrics} records it when Micrometer is present.
 * Implementations are thread-safe and cheap: they run on the message path.
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
	 * The message meters of a connection, asked for once when it opens.
	 * @param handler the handler's bean name
	 * @param protocol the protocol
	 * @return the meters that count its messages in and out
	 */
	default MessageMeters messageMeters(String handler, WebSocketProtocol protocol) {
		return MessageMeters.NONE;
	}

	/**
	 * A handshake was refused.
	 * @param handler the handler's bean name
	 * @param reason {@code origin}, {@code bad-key}, {@code bad-body}, {@code limit},
	 * {@code shutdown} or {@code forbidden}
	 */
	default void handshakeRefused(String handler, String reason) {
	}

	/**
	 * A broadcast was published for the other instances of the cluster.
	 */
	default void clusterPublished() {
	}

	/**
	 * A broadcast another instance published was queued for this instance's connections.
	 */
	default void clusterReceived() {
	}

	/**
	 * A message could not be published for the other instances.
	 * @param cause {@code redis} (Redis refused it or could not be reached),
	 * {@code queue-full} or {@code oversized}
	 */
	default void clusterFailed(String cause) {
	}

	/**
	 * A message on the cluster's channel was not delivered.
	 * @param cause {@code not-ours}, {@code malformed}, {@code unknown-version},
	 * {@code oversized} or {@code overflow}
	 */
	default void clusterDropped(String cause) {
	}

}
