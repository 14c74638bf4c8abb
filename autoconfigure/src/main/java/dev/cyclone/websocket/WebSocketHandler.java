package dev.cyclone.websocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.internal.HandlerCallbacks;

/**
 * Subclass this to write a WebSocket endpoint the way cyclone does: override
 * {@link #messageReceived(String)} and, when needed, {@link #connectionMade()} and
 * {@link #connectionLost(CloseReason)}; answer with {@link #sendMessage(String)}.
 *
 * <pre class="code">
 * &#64;Component
 * public class EchoWebSocket extends WebSocketHandler {
 *     &#64;Override
 *     protected void messageReceived(String message) {
 *         sendMessage("You said: " + message);
 *     }
 * }
 * </pre>
 *
 * Declare the subclass as a bean and map its bean name to paths under
 * {@code cyclone.websocket.handlers}. Every connection gets its own instance (fields are
 * per-connection state) with dependency injection. Callbacks of one connection never run
 * concurrently. A callback that throws closes its connection with
 * {@link CloseReason#SERVER_ERROR 1011}; {@link #connectionLost(CloseReason)} still runs,
 * exactly once.
 */
public abstract class WebSocketHandler {

	static {
		HandlerCallbacks.install(new Callbacks());
	}

	/** Logger named after the concrete handler class. */
	protected final Log log = LogFactory.getLog(getClass());

	private @Nullable HandshakeRequest request;

	private @Nullable WebSocketConnection connection;

	private @Nullable String forbiddenMessage;

	/**
	 * Called during the handshake, before the connection is accepted: look at
	 * {@link #request()} and call {@link #forbidConnection(String)} to refuse it. Does
	 * nothing by default.
	 */
	protected void headersReceived() {
	}

	/** Called once the connection is open. Does nothing by default. */
	protected void connectionMade() {
	}

	/**
	 * Called for every text message from the peer. Does nothing by default.
	 * @param message the message
	 */
	protected void messageReceived(String message) {
	}

	/**
	 * Called for every binary message from the peer (RFC 6455 only). By default closes
	 * the connection with {@link CloseReason#UNSUPPORTED_DATA 1003}, as Spring's
	 * {@code TextWebSocketHandler} does.
	 * @param message the message
	 */
	protected void binaryMessageReceived(byte[] message) {
		connection().close(CloseReason.UNSUPPORTED_DATA.withReason("Binary messages not supported"));
	}

	/**
	 * Called for every pong from the peer (RFC 6455), the answer to {@link #ping()} or to
	 * the keepalive pings of {@code cyclone.websocket.ping-interval}. Does nothing by
	 * default.
	 * @param payload the pong's payload
	 */
	protected void pongReceived(byte[] payload) {
	}

	/**
	 * Called exactly once when the connection is gone: after a close from either side, an
	 * abrupt drop or a server shutdown. Does nothing by default.
	 * @param reason the close code and reason ({@link CloseReason#ABNORMAL 1006} for a
	 * drop)
	 */
	protected void connectionLost(CloseReason reason) {
	}

	/**
	 * Refuse the connection with {@code 403 Forbidden} and this message as the response
	 * body. Only valid in {@link #headersReceived()}; {@link #connectionMade()} is then
	 * never called.
	 * @param message the response body
	 */
	protected final void forbidConnection(String message) {
		if (this.connection != null) {
			throw new IllegalStateException("forbidConnection is only valid in headersReceived(), before the "
					+ "connection is accepted; use close(code, reason) on an open connection");
		}
		this.forbiddenMessage = (message != null) ? message : "";
	}

	/**
	 * Queue a text message to the peer. Never blocks; safe from any thread.
	 * @param message the message
	 * @return {@code true} when queued, {@code false} when the connection is closed or
	 * closing (the message is dropped) or its outbound buffer overflowed
	 */
	public final boolean sendMessage(String message) {
		return connection().sendText(message);
	}

	/**
	 * Queue a binary message to the peer (RFC 6455 only). Never blocks; safe from any
	 * thread.
	 * @param message the message
	 * @return as {@link #sendMessage(String)}
	 * @throws UnsupportedOperationException on a Hixie connection, whose protocol has no
	 * binary messages
	 */
	public final boolean sendMessage(byte[] message) {
		return connection().sendBinary(message);
	}

	/**
	 * Queue a message to the peer: a {@code String} as text, a {@code byte[]} as binary,
	 * anything else (a {@code Map}, a record, a bean) encoded as JSON with the
	 * application's {@code JsonMapper}. Never blocks; safe from any thread.
	 * @param message the message
	 * @return as {@link #sendMessage(String)}
	 */
	public final boolean sendMessage(Object message) {
		if (message instanceof String text) {
			return sendMessage(text);
		}
		if (message instanceof byte[] data) {
			return sendMessage(data);
		}
		return connection().sendJson(message);
	}

	/**
	 * Queue a ping with an empty payload (RFC 6455 only); the pong arrives in
	 * {@link #pongReceived(byte[])}.
	 * @return {@code true} when queued, {@code false} on a Hixie connection (the drafts
	 * have no ping) or when the connection is closed or closing
	 */
	public final boolean ping() {
		return connection().ping(new byte[0]);
	}

	/** Close the connection normally (1000) once the queued messages are written. */
	public final void close() {
		connection().close(CloseReason.NORMAL);
	}

	/**
	 * Close the connection once the queued messages are written.
	 * @param code the RFC 6455 close code: 1000-1003, 1007-1014, or 3000-4999 for the
	 * application's own
	 * @param reason the reason, at most 123 bytes of UTF-8
	 * @throws IllegalArgumentException for a code that may not be sent or a longer reason
	 * ({@link CloseReason#requireSendable})
	 */
	public final void close(int code, String reason) {
		CloseReason.requireSendable(code, (reason != null) ? reason : "");
		connection().close(new CloseReason(code, reason));
	}

	/**
	 * The handshake request of this connection: headers, query parameters, cookies,
	 * principal, path variables.
	 * @return the request
	 * @throws IllegalStateException before the handshake
	 */
	public final HandshakeRequest request() {
		if (this.request == null) {
			throw new IllegalStateException(getClass().getName() + " has no handshake request yet");
		}
		return this.request;
	}

	/**
	 * The open connection: id, protocol, subprotocol, attributes.
	 * @return the connection
	 * @throws IllegalStateException during {@link #headersReceived()}, before the
	 * connection is accepted
	 */
	public final WebSocketConnection connection() {
		if (this.connection == null) {
			throw new IllegalStateException(getClass().getName() + " is not connected yet: the connection exists "
					+ "from connectionMade() on");
		}
		return this.connection;
	}

	final void bindRequest(HandshakeRequest request) {
		if (this.request != null) {
			throw new IllegalStateException(getClass().getName() + " instance is already bound to a connection: "
					+ "every connection needs a fresh handler instance");
		}
		this.request = request;
	}

	final void bindConnection(WebSocketConnection connection) {
		this.connection = connection;
	}

	final @Nullable String forbiddenMessage() {
		return this.forbiddenMessage;
	}

	/**
	 * The callbacks the starter drives, reached through {@link HandlerCallbacks} (not
	 * API).
	 */
	private static final class Callbacks extends HandlerCallbacks {

		@Override
		public @Nullable String handshake(WebSocketHandler handler, HandshakeRequest request) {
			handler.bindRequest(request);
			handler.headersReceived();
			return handler.forbiddenMessage();
		}

		@Override
		public void connectionMade(WebSocketHandler handler, WebSocketConnection connection) {
			handler.bindConnection(connection);
			handler.connectionMade();
		}

		@Override
		public void messageReceived(WebSocketHandler handler, String message) {
			handler.messageReceived(message);
		}

		@Override
		public void binaryMessageReceived(WebSocketHandler handler, byte[] message) {
			handler.binaryMessageReceived(message);
		}

		@Override
		public void pongReceived(WebSocketHandler handler, byte[] payload) {
			handler.pongReceived(payload);
		}

		@Override
		public void connectionLost(WebSocketHandler handler, CloseReason reason) {
			handler.connectionLost(reason);
		}

	}

}
