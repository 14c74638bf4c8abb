package dev.cyclone.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Drives a {@link WebSocketHandler}'s callbacks. For transports and test support, not for application code:
 * the starter calls these in order (handshake, connect, messages, lost) and never concurrently for one handler.
 */
public final class HandlerInvoker {

	private HandlerInvoker() {
	}

	/**
	 * Bind the handshake request to a fresh handler and run {@link WebSocketHandler#headersReceived()}.
	 * @param handler a handler instance never used before
	 * @param request the handshake request
	 * @return the message given to {@link WebSocketHandler#forbidConnection(String)}, or {@code null} when the
	 * handler accepts the connection
	 */
	public static @Nullable String handshake(WebSocketHandler handler, HandshakeRequest request) {
		handler.bindRequest(request);
		handler.headersReceived();
		return handler.forbiddenMessage();
	}

	/**
	 * Bind the open connection and run {@link WebSocketHandler#connectionMade()}.
	 * @param handler a handler that passed {@link #handshake}
	 * @param connection the connection
	 */
	public static void connectionMade(WebSocketHandler handler, WebSocketConnection connection) {
		handler.bindConnection(connection);
		handler.connectionMade();
	}

	/**
	 * Run {@link WebSocketHandler#messageReceived(String)}.
	 * @param handler the handler
	 * @param message the text message
	 */
	public static void messageReceived(WebSocketHandler handler, String message) {
		handler.messageReceived(message);
	}

	/**
	 * Run {@link WebSocketHandler#binaryMessageReceived(byte[])}.
	 * @param handler the handler
	 * @param message the binary message
	 */
	public static void binaryMessageReceived(WebSocketHandler handler, byte[] message) {
		handler.binaryMessageReceived(message);
	}

	/**
	 * Run {@link WebSocketHandler#pongReceived(byte[])}.
	 * @param handler the handler
	 * @param payload the pong's payload
	 */
	public static void pongReceived(WebSocketHandler handler, byte[] payload) {
		handler.pongReceived(payload);
	}

	/**
	 * Run {@link WebSocketHandler#connectionLost(CloseReason)}.
	 * @param handler the handler
	 * @param reason why the connection closed
	 */
	public static void connectionLost(WebSocketHandler handler, CloseReason reason) {
		handler.connectionLost(reason);
	}

}
