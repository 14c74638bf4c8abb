package dev.cyclone.websocket.container.jetty;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

import dev.cyclone.websocket.container.NativeSessions;
import dev.cyclone.websocket.container.ServletContainer;
import dev.cyclone.websocket.container.SessionWriter;
import dev.cyclone.websocket.container.UpgradedConnectionListener;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;

/**
 * The container layer on Jetty 12.1 (ee11).
 * <p>
 * A legacy connection does not use the servlet upgrade API: on Jetty it cannot be closed
 * from another thread (closing its {@code WebConnection} leaves the socket open) and,
 * when the request head is all that Jetty's read buffer holds, its input has already
 * ended before the filter runs, so bytes sent after the head (a late key3, every Hixie-75
 * frame) never arrive. Instead the handshake names a {@link JettyUpgradedConnection} in
 * the request attribute with which Jetty replaces its HTTP connection once the response
 * is sent ({@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}, as Jetty's own WebSocket
 * upgrade does); the bytes Jetty read past the head are handed to it.
 * <p>
 * RFC 6455 sessions are Jetty's own (Spring's Jetty upgrade strategy): written through
 * Jetty's asynchronous API, with Jetty's idle timeout switched off and its message limits
 * no stricter than the starter's; Jetty reports a session closed once its connection is,
 * and waits for the answer to a close frame as long as the idle timeout, so a session
 * whose peer does not answer is disconnected after the close timeout.
 */
public final class JettyContainer implements ServletContainer {

	private final OptionalInt connectionLimit;

	private final Duration bodyTimeout;

	/**
	 * Create the container layer.
	 * @param connectionLimit the server's connection limit
	 * ({@code server.jetty.max-connections}), empty for none
	 * @param bodyTimeout how long the body of a legacy handshake (key3) may take to come
	 */
	public JettyContainer(OptionalInt connectionLimit, Duration bodyTimeout) {
		this.connectionLimit = connectionLimit;
		this.bodyTimeout = bodyTimeout;
	}

	@Override
	public OptionalInt connectionLimit() {
		return this.connectionLimit;
	}

	@Override
	public CompletableFuture<Void> upgrade(HttpServletRequest request, HttpServletResponse response,
			UpgradedConnectionListener listener) throws IOException {
		ServletContextRequest jettyRequest = ServletContextRequest.getServletContextRequest(request);
		if (jettyRequest == null) {
			throw new IOException("Jetty does not serve " + request.getRequestURI());
		}
		if (request.getContentLengthLong() <= 0) {
			upgrade(request, jettyRequest, response, listener, null);
			return CompletableFuture.completedFuture(null);
		}
		return RequestBodyReader.readThenUpgrade(request, response, this.bodyTimeout.toMillis(),
				(body) -> upgrade(request, jettyRequest, response, listener, body));
	}

	private static void upgrade(HttpServletRequest request, ServletContextRequest jettyRequest,
			HttpServletResponse response, UpgradedConnectionListener listener, byte @Nullable [] body)
			throws IOException {
		ConnectionMetaData connection = jettyRequest.getConnectionMetaData();
		request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new JettyUpgradedConnection(
				connection.getConnection().getEndPoint(), connection.getConnector().getExecutor(), listener, body));
		response.flushBuffer();
	}

	/** Asynchronous through the session's Jetty WebSocket API. */
	@Override
	public SessionWriter writerFor(WebSocketSession session, Executor blockingCalls) {
		Session nativeSession = NativeSessions.of(session, Session.class);
		return (nativeSession != null) ? new JettySessionWriter(session, nativeSession)
				: SessionWriter.generic(session, blockingCalls);
	}

	/**
	 * Jetty's WebSocket defaults would otherwise win over the starter's settings: an idle
	 * timeout of its own (30 s; Tomcat has none, the starter's {@code idle-timeout} and
	 * pings decide), and message limits of 64 KiB, which, as Spring's Jetty adapter takes
	 * whole messages, would be stricter than a larger {@code max-message-size}.
	 */
	@Override
	public void configureUpgrade(AbstractHandshakeHandler handshakeHandler, long maxMessageSize) {
		if (handshakeHandler.getRequestUpgradeStrategy() instanceof JettyRequestUpgradeStrategy jetty) {
			jetty.addWebSocketConfigurer((configurable) -> {
				configurable.setIdleTimeout(Duration.ZERO);
				configurable.setMaxTextMessageSize(Math.max(maxMessageSize, configurable.getMaxTextMessageSize()));
				configurable.setMaxBinaryMessageSize(Math.max(maxMessageSize, configurable.getMaxBinaryMessageSize()));
			});
		}
	}

	@Override
	public void abort(WebSocketSession session) {
		Session nativeSession = NativeSessions.of(session, Session.class);
		if (nativeSession != null) {
			nativeSession.disconnect();
		}
	}

}
