package dev.cyclone.websocket.internal;

import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.CloseReason;
import dev.cyclone.websocket.HandshakeRequest;
import dev.cyclone.websocket.WebSocketConnection;
import dev.cyclone.websocket.WebSocketHandler;

/**
 * Drives a {@link WebSocketHandler}'s callbacks, which are not public: for the starter's
 * transports and its test support, not for applications. The starter calls them in order
 * (handshake, connect, messages, lost) and never concurrently for one handler. The
 * implementation lives next to {@link WebSocketHandler}, which installs it when it is
 * initialised.
 */
public abstract class HandlerCallbacks {

	private static volatile @Nullable HandlerCallbacks installed;

	/**
	 * The callbacks.
	 * @return the implementation {@link WebSocketHandler} installed
	 */
	public static HandlerCallbacks get() {
		HandlerCallbacks callbacks = installed;
		if (callbacks == null) {
			initialise(WebSocketHandler.class);
			callbacks = installed;
		}
		if (callbacks == null) {
			throw new IllegalStateException("WebSocketHandler did not install its callbacks");
		}
		return callbacks;
	}

	/**
	 * Install the implementation; only {@link WebSocketHandler}'s initialisation does.
	 * @param callbacks the implementation
	 */
	public static void install(HandlerCallbacks callbacks) {
		if (callbacks.getClass().getNestHost() != WebSocketHandler.class) {
			throw new IllegalArgumentException("Only WebSocketHandler installs its callbacks");
		}
		if (installed != null) {
			throw new IllegalStateException("Handler callbacks are installed already");
		}
		installed = callbacks;
	}

	private static void initialise(Class<?> type) {
		try {
			Class.forName(type.getName(), true, type.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Bind the handshake request to a fresh handler and run {@code headersReceived()}.
	 * @param handler a handler instance never used before
	 * @param request the handshake request
	 * @return the message given to {@code forbidConnection(String)}, or {@code null} when
	 * the handler accepts the connection
	 */
	public abstract @Nullable String handshake(WebSocketHandler handler, HandshakeRequest request);

	/**
	 * Bind the open connection and run {@code connectionMade()}.
	 * @param handler a handler that passed {@link #handshake}
	 * @param connection the connection
	 */
	public abstract void connectionMade(WebSocketHandler handler, WebSocketConnection connection);

	/**
	 * Run {@code messageReceived(String)}.
	 * @param handler the handler
	 * @param message the text message
	 */
	public abstract void messageReceived(WebSocketHandler handler, String message);

	/**
	 * Run {@code binaryMessageReceived(byte[])}.
	 * @param handler the handler
	 * @param message the binary message
	 */
	public abstract void binaryMessageReceived(WebSocketHandler handler, byte[] message);

	/**
	 * Run {@code pongReceived(byte[])}.
	 * @param handler the handler
	 * @param payload the pong's payload
	 */
	public abstract void pongReceived(WebSocketHandler handler, byte[] payload);

	/**
	 * Run {@code connectionLost(CloseReason)}.
	 * @param handler the handler
	 * @param reason why the connection closed
	 */
	public abstract void connectionLost(WebSocketHandler handler, CloseReason reason);

}
