package dev.cyclone.websocket;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One open WebSocket connection, whatever its protocol. Sends are queued in a bounded
 * per-connection buffer and written asynchronously: they never block the caller and may
 * be called from any thread; messages from several threads are written whole, one after
 * the other.
 */
public interface WebSocketConnection {

	/**
	 * @return the connection's id, unique among the open connections of the application
	 */
	String id();

	/**
	 * @return the bean name of the handler serving the connection
	 */
	String handlerName();

	/**
	 * @return the protocol the connection speaks
	 */
	WebSocketProtocol protocol();

	/**
	 * @return the handshake request that opened the connection
	 */
	HandshakeRequest request();

	/**
	 * @return the subprotocol agreed in the handshake, or {@code null} when none was
	 */
	@Nullable String subprotocol();

	/**
	 * Attributes of this connection: those set by handshake interceptors, and any the
	 * application adds.
	 * @return the mutable, thread-safe attribute map
	 */
	Map<String, Object> attributes();

	/**
	 * @return whether the connection is open and accepts messages
	 */
	boolean isOpen();

	/**
	 * Queue a text message.
	 * @param text the message
	 * @return {@code true} when queued; {@code false} when the connection is closed or
	 * closing, or the message overflowed the outbound buffer (which closes the connection
	 * with {@link CloseReason#SEND_LIMIT_EXCEEDED})
	 */
	boolean sendText(String text);

	/**
	 * Queue a binary message. Only RFC 6455 has binary messages.
	 * @param data the message
	 * @return as {@link #sendText(String)}
	 * @throws UnsupportedOperationException on a Hixie connection
	 */
	boolean sendBinary(byte[] data);

	/**
	 * Encode a value as JSON with the application's {@code JsonMapper} and queue it as a
	 * text message.
	 * @param value the value, for example a {@code Map} or a record
	 * @return as {@link #sendText(String)}
	 */
	boolean sendJson(Object value);

	/**
	 * Queue an RFC 6455 ping; the peer answers with a pong, reported to
	 * {@code pongReceived}. The Hixie drafts have no ping.
	 * @param payload at most 125 bytes the pong echoes
	 * @return {@code true} when queued; {@code false} on a Hixie connection, or as
	 * {@link #sendText(String)}
	 */
	boolean ping(byte[] payload);

	/**
	 * Close the connection after the messages already queued are written. Has no effect
	 * when it is already closing.
	 * @param reason the close code and reason sent to the peer (Hixie connections send
	 * the closing frame)
	 */
	void close(CloseReason reason);

}
