package dev.cyclone.websocket.container;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;

/**
 * What differs between the servlet containers the starter runs on. One implementation per
 * container, chosen once by auto-configuration as Spring Boot chooses its web server
 * (Tomcat first when both are present).
 */
public interface ServletContainer {

	/**
	 * @return whether {@link #upgrade} can take over legacy connections on this container
	 */
	default boolean servesLegacyConnections() {
		return true;
	}

	/**
	 * The most connections the container accepts at once, plain HTTP and WebSocket
	 * together.
	 * @return the container's connection limit, or empty when it has none
	 */
	default OptionalInt connectionLimit() {
		return OptionalInt.empty();
	}

	/**
	 * Take over the TCP connection of an accepted legacy handshake. The response carries
	 * the {@code 101} status and headers; the container sends them once the filter chain
	 * returns and then hands the connection to the listener, with no thread held while it
	 * is idle and no container timeout of its own. The request's body, which the caller
	 * has not read and which is at most 8 bytes (the key3 of Hixie-76 clients that send
	 * it with {@code Content-Length: 8}), reaches the listener first, as if it followed
	 * the head; no thread waits for it.
	 * @param request the handshake request
	 * @param response its response, not committed
	 * @param listener receives the connection and its events
	 * @return completes once the container has committed to the upgrade (the {@code 101}
	 * goes out when the filter chain returns), or exceptionally when it cannot; later
	 * when the body is still on its way
	 * @throws IOException when the connection cannot be taken over
	 */
	CompletableFuture<Void> upgrade(HttpServletRequest request, HttpServletResponse response,
			UpgradedConnectionListener listener) throws IOException;

	/**
	 * Apply the starter's settings to a new RFC 6455 session of the container: no idle
	 * timeout of the container's own (the starter's idle timeout and pings decide), and
	 * the container's blocking sends (pings, closes) bounded by the send time limit and
	 * the close timeout. Does nothing to sessions of other transports. By default
	 * nothing: the container's defaults need no change, or are changed where its upgrade
	 * strategy is configured.
	 * @param session the session, as Spring presents it
	 */
	default void sessionOpened(WebSocketSession session) {
	}

	/**
	 * A message larger than the session's message buffers has begun to arrive in parts. A
	 * container that gives sessions small buffers while they are idle gives this one its
	 * usual buffers for the messages to come, so that a connection that exchanges large
	 * messages does not pay for many small parts. By default nothing.
	 * @param session the session, as Spring presents it
	 */
	default void messageArrivesInParts(WebSocketSession session) {
	}

	/**
	 * Whether the container has let go of the socket of a session whose close was
	 * reported. A container may report the close when its close frame is sent (Tomcat)
	 * and keep the socket until the peer answers. By default {@code true}: the container
	 * reports a close once the connection is over.
	 * @param session the session, as Spring presents it
	 * @return {@code false} while the socket may still be open
	 */
	default boolean isReleased(WebSocketSession session) {
		return true;
	}

	/**
	 * The writer for a session: asynchronous through the container's own WebSocket API
	 * where the session has one, otherwise {@link SessionWriter#generic}.
	 * @param session the session, as Spring presents it
	 * @param blockingCalls runs calls that can only block, each on a thread of its own
	 * @return the writer
	 */
	default SessionWriter writerFor(WebSocketSession session, Executor blockingCalls) {
		return SessionWriter.generic(session, blockingCalls);
	}

	/**
	 * Apply the starter's settings to the RFC 6455 upgrade of a mapped handler, where the
	 * container's upgrade strategy takes them. By default nothing.
	 * @param handshakeHandler the handler's handshake handler
	 * @param maxMessageSize the largest message in bytes
	 */
	default void configureUpgrade(AbstractHandshakeHandler handshakeHandler, long maxMessageSize) {
	}

	/**
	 * Close the socket of a closing RFC 6455 session now, without waiting any longer for
	 * the closing handshake: the close timeout passed. Does nothing to sessions of other
	 * transports, which bound their close themselves.
	 * @param session the session, as Spring presents it
	 */
	void abort(WebSocketSession session);

}
